using AutomationFleet.Matching.Index;
using AutomationFleet.Matching.Records;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.ContactForms.Tests;

public sealed class PersonIndexFileTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("fleet-index-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Load_SavedIndex_SameModelAndSameAnswers()
    {
        var index = SampleIndex.Index;
        PersonIndexFile.Save(index, _root);

        var loaded = PersonIndexFile.Load(_root)!;

        Assert.Equal((index.Count, index.FittedBy, index.Source.Sha256, index.Model.Lambda), (loaded.Count, loaded.FittedBy, loaded.Source.Sha256, loaded.Model.Lambda));
        var query = new PersonRecord("q", "Elena", "Mils", "1954-11-20");
        Assert.Equal(
            index.Find(query, 5).Select(m => (m.Record.Id, m.Explanation.TotalBits)),
            loaded.Find(query, 5).Select(m => (m.Record.Id, m.Explanation.TotalBits)));
    }

    [Fact]
    public void Refresh_SecondStartWithSameExtract_LoadsAndDoesNotRebuild()
    {
        var extract = Path.Combine(_root, "people.csv");
        File.Copy(SampleIndex.ExtractPath, extract);
        var options = Options.Create(new ContactFormsOptions { CaseRecordsPath = extract, IndexPath = Path.Combine(_root, "index") });

        var first = new PersonIndexLoader(new PersonIndexFinder(), options, TimeProvider.System, NullLogger<PersonIndexLoader>.Instance).Refresh(force: false);
        var restartFinder = new PersonIndexFinder();
        var second = new PersonIndexLoader(restartFinder, options, TimeProvider.System, NullLogger<PersonIndexLoader>.Instance).Refresh(force: false);
        File.AppendAllText(extract, "CR999999,New,Person,2000-01-01,F,,,,,\n");
        var afterChange = new PersonIndexLoader(restartFinder, options, TimeProvider.System, NullLogger<PersonIndexLoader>.Instance).Refresh(force: false);

        Assert.Equal((true, false, true), (first, second, afterChange));
        Assert.Equal(SampleIndex.Index.Count + 1, restartFinder.Index!.Count);
    }

    [Fact]
    public void Refresh_ColumnMappingChanged_Rebuilds()
    {
        var extract = Path.Combine(_root, "people.csv");
        File.Copy(SampleIndex.ExtractPath, extract);
        var mapping = Path.Combine(_root, "columns.json");
        File.Copy(Repository.File("config", "case-records.columns.json"), mapping);
        var options = Options.Create(new ContactFormsOptions { CaseRecordsPath = extract, ColumnMapPath = mapping, IndexPath = Path.Combine(_root, "index") });
        Loader(options).Refresh(force: false);
        var unchanged = Loader(options).Refresh(force: false);

        // The address now takes the postcode column too: the same extract reads differently, so the kept index is stale.
        File.WriteAllText(mapping, File.ReadAllText(mapping).Replace("\"address\": \"address\"", "\"address\": [\"address\", \"postcode\"]", StringComparison.Ordinal));
        var finder = new PersonIndexFinder();
        var changed = new PersonIndexLoader(finder, options, TimeProvider.System, NullLogger<PersonIndexLoader>.Instance).Refresh(force: false);

        Assert.Equal((false, true), (unchanged, changed));
        Assert.All(finder.Index!.Records.Where(r => r.Postcode.Length > 0), r => Assert.EndsWith(r.Postcode, r.Address, StringComparison.Ordinal));
    }

    [Fact]
    public void Refresh_KeptIndexOfAnOlderFormat_Rebuilds()
    {
        var extract = Path.Combine(_root, "people.csv");
        File.Copy(SampleIndex.ExtractPath, extract);
        var options = Options.Create(new ContactFormsOptions { CaseRecordsPath = extract, IndexPath = Path.Combine(_root, "index") });
        Loader(options).Refresh(force: false);
        var kept = Path.Combine(_root, "index", PersonIndexFile.FileName);
        File.WriteAllText(kept, File.ReadAllText(kept).Replace("\"format\":", "\"format\":1,\"was\":", StringComparison.Ordinal));

        Assert.True(Loader(options).Refresh(force: false));
    }

    private static PersonIndexLoader Loader(IOptions<ContactFormsOptions> options) =>
        new(new PersonIndexFinder(), options, TimeProvider.System, NullLogger<PersonIndexLoader>.Instance);

    [Fact]
    public void Load_DamagedFile_SaysHowToRecover()
    {
        File.WriteAllText(Path.Combine(_root, PersonIndexFile.FileName), "{ broken");

        var exception = Assert.Throws<InvalidDataException>(() => PersonIndexFile.Load(_root));

        Assert.Contains("delete it to rebuild", exception.Message, StringComparison.Ordinal);
    }
}
