using AutomationFleet.Matching.Index;
using AutomationFleet.Matching.Records;

namespace AutomationFleet.Matching.Tests.Index;

public sealed class PersonIndexFileTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("fleet-index-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Load_SavedIndex_SameModelAndSameAnswers()
    {
        var index = SampleExtract.Index;
        PersonIndexFile.Save(index, _root);

        var loaded = PersonIndexFile.Load(_root)!;

        Assert.Equal((index.Count, index.FittedBy, index.Source.Sha256, index.Model.Lambda), (loaded.Count, loaded.FittedBy, loaded.Source.Sha256, loaded.Model.Lambda));
        var query = new PersonRecord("q", "Elena", "Mils", "1954-11-20");
        Assert.Equal(
            index.Find(query, 5).Select(m => (m.Record.Id, m.Explanation.TotalBits)),
            loaded.Find(query, 5).Select(m => (m.Record.Id, m.Explanation.TotalBits)));
    }

    [Fact]
    public void Load_DamagedFile_SaysHowToRecover()
    {
        File.WriteAllText(Path.Combine(_root, PersonIndexFile.FileName), "{ broken");

        var exception = Assert.Throws<InvalidDataException>(() => PersonIndexFile.Load(_root));

        Assert.Contains("delete it to rebuild", exception.Message, StringComparison.Ordinal);
    }
}
