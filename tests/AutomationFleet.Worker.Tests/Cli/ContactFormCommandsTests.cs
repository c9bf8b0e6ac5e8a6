using System.Globalization;
using System.Text.Json;
using AutomationFleet.Worker.Cli.Bench;

namespace AutomationFleet.Worker.Tests.Cli;

/// <summary><c>fleet dedupe</c> and <c>fleet link</c>, the contact-form bot's commands, run through the real command line.</summary>
[Collection(CliTestCollection.Name)]
public sealed class ContactFormCommandsTests : IAsyncLifetime
{
    private const string FebrlMap = """{ "id": "rec_id", "address": ["street_number", "address_1", "address_2", "suburb"] }""";

    private readonly CliFixture _cli = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _cli.DisposeAsync();

    [Fact]
    public async Task Dedupe_Febrl1WithMap_WritesTheTruePairsAndDecidesByThreshold()
    {
        var output = OutPath();

        var run = await _cli.RunAsync(
            "dedupe", "--data", Febrl1(), "--map", Write("febrl.json", FebrlMap), "--out", output, "--invalid-values", "missing");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var lines = await File.ReadAllLinesAsync(output);
        Assert.Equal("left_id,right_id,probability,decision", lines[0]);
        var pairs = lines.Skip(1).Select(Pair.Parse).ToList();
        Assert.All(pairs, p => Assert.Equal(p.Probability >= 0.999 ? "match" : "review", p.Decision));
        Assert.All(pairs, p => Assert.InRange(p.Probability, 0.05, 1));
        Assert.Equal(pairs.Count, pairs.Select(p => p.Key).Distinct().Count());

        // FEBRL ids are rec-N-org / rec-N-dup-k: the same N is the same person. FEBRL1 has 500 true pairs.
        Assert.Contains(pairs, p => p.Key == ("rec-10-dup-0", "rec-10-org"));
        Assert.All(pairs.Where(p => p.Decision == "match"), p => Assert.True(p.IsTrue, $"{p.Key} is decided match but is not one person"));
        Assert.InRange(pairs.Count(p => p.IsTrue), 450, 500);
        Assert.Contains("dedupe: 1,000 records", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public async Task Dedupe_Json_SummaryCountsWhatTheFileHolds()
    {
        var output = OutPath();

        var run = await _cli.RunAsync(
            "dedupe", "--data", Febrl1(), "--map", Write("febrl.json", FebrlMap), "--out", output, "--invalid-values", "missing",
            "--match-threshold", "0.99", "--review-threshold", "0.5", "--json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var summary = json.RootElement;
        var pairs = (await File.ReadAllLinesAsync(output)).Skip(1).Select(Pair.Parse).ToList();
        Assert.Equal(1000, summary.GetProperty("leftRecords").GetInt32());
        Assert.Equal(pairs.Count, summary.GetProperty("proposedPairs").GetInt32());
        Assert.Equal(pairs.Count(p => p.Decision == "match"), summary.GetProperty("matches").GetInt32());
        Assert.Equal(pairs.Count(p => p.Decision == "review"), summary.GetProperty("reviews").GetInt32());
        Assert.True(summary.GetProperty("comparedPairs").GetInt64() >= pairs.Count);
        Assert.Equal(0.99, summary.GetProperty("matchThreshold").GetDouble());
        Assert.All(pairs, p => Assert.True(p.Probability >= 0.5));
        Assert.Equal(3, summary.GetProperty("invalidValuesReadAsMissing").GetInt32());
        Assert.Equal("em", summary.GetProperty("model").GetProperty("fittedBy").GetString());
        Assert.True(summary.GetProperty("seconds").GetDouble() > 0);
    }

    [Fact]
    public async Task Dedupe_RealFileWithImpossibleDateRejected_ExitsTwoNamingRowAndWritesNothing()
    {
        var output = OutPath();

        var run = await _cli.RunAsync("dedupe", "--data", Febrl1(), "--map", Write("febrl.json", FebrlMap), "--out", output);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("row 146, column 'date_of_birth'", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Link_OriginalsAgainstDuplicatesWithOneMap_PairsEachDuplicateWithItsOriginal()
    {
        // FEBRL1 split in two: the originals, and one duplicate of each person that has any.
        var lines = await File.ReadAllLinesAsync(Febrl1());
        var originals = lines.Skip(1).Where(l => l.Contains("-org,", StringComparison.Ordinal));
        var duplicates = lines.Skip(1).Where(l => l.Contains("-dup-0,", StringComparison.Ordinal));
        var left = Write("originals.csv", string.Join('\n', [lines[0], .. originals]));
        var right = Write("duplicates.csv", string.Join('\n', [lines[0], .. duplicates]));
        var output = OutPath();

        var run = await _cli.RunAsync(
            "link", "--left", left, "--right", right, "--map", Write("febrl.json", FebrlMap), "--out", output, "--invalid-values", "missing");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var pairs = (await File.ReadAllLinesAsync(output)).Skip(1).Select(Pair.Parse).ToList();
        Assert.All(pairs, p => Assert.EndsWith("-org", p.Left, StringComparison.Ordinal));
        Assert.All(pairs.Where(p => p.Decision == "match"), p => Assert.True(p.IsTrue, $"{p.Key} is decided match but is not one person"));
        Assert.InRange(pairs.Count(p => p.IsTrue), 90 * duplicates.Count() / 100, duplicates.Count());
        Assert.Contains("link: 500 × ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_MapWithASideMap_ExitsTwo()
    {
        var map = Write("map.json", """{ "id": "ref" }""");

        var run = await _cli.RunAsync(
            "link", "--left", Write("a.csv", "id,surname\n1,Lee\n"), "--right", Write("b.csv", "id,surname\n1,Lee\n"),
            "--map", map, "--left-map", map, "--out", OutPath());

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--map is for both files", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id,given_name,surname\n1,Ann,Lee\n2,Bob\n", null, "row 3")]
    [InlineData("id,given_name,surname\n1,Ann,\"Lee\n2,Bob,Ray\n", null, "row 2, column 'surname': malformed CSV")]
    [InlineData("id,given_name,surname,date_of_birth\n1,Ann,Lee,1970-01-01\n2,Bob,Ray,2023-02-30\n", null, "row 3, column 'date_of_birth'")]
    [InlineData("id,given_name,surname,date_of_birth\n1,Ann,Lee,1970-01-01\n2,,,1980-05-06\n", null, "row 3, column 'given_name/surname': both names are empty")]
    [InlineData("id,forename,family_name\n1,Ann,Lee\n", null, "no person column besides the id")]
    [InlineData("ref,forename\n1,Ann\n", null, "column 'id': the file has no id column")]
    [InlineData("ref,forename\n1,Ann\n", """{ "id": "ref", "given_name": "forename", "surname": "family" }""", "row 1, column 'family'")]
    [InlineData("ref,forename\n1,Ann\n", """{ "id": "ref", "first_name": "forename" }""", "column 'first_name': is not a person field")]
    [InlineData("ref,forename\n1,Ann\n", "{ \"id\": ", "the column mapping is not valid JSON")]
    public async Task Dedupe_BadInput_ExitsTwoWithOneLineNamingThePlaceAndKeepsTheOldOutput(string csv, string? map, string expected)
    {
        var output = OutPath();
        await File.WriteAllTextAsync(output, "an earlier run's pairs\n");
        string[] mapArgs = map is null ? [] : ["--map", Write("map.json", map)];

        var run = await _cli.RunAsync(["dedupe", "--data", Write("people.csv", csv), .. mapArgs, "--out", output]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.Equal("an earlier run's pairs\n", await File.ReadAllTextAsync(output));
        Assert.Equal([output], Directory.GetFiles(Path.GetDirectoryName(output)!));
    }

    [Fact]
    public async Task Dedupe_FileOverTheLimit_ExitsTwoBeforeReadingAndWritesNothing()
    {
        var rows = Enumerable.Range(1, 60_000).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i},Ann,Lee,1970-01-01"));
        var data = Write("big.csv", string.Join('\n', ["id,given_name,surname,date_of_birth", .. rows]));
        Assert.True(new FileInfo(data).Length > 1024 * 1024);
        var output = OutPath();

        var run = await _cli.RunAsync("dedupe", "--data", data, "--out", output, "--max-file-mb", "1");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("over the limit of 1,048,576 bytes", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("--match-threshold", "1.5", "--match-threshold is 1.5")]
    [InlineData("--review-threshold", "0.9999", "--review-threshold is 0.9999")]
    [InlineData("--max-file-mb", "0", "--max-file-mb is 0")]
    [InlineData("--invalid-values", "skip", "skip")]
    public async Task Dedupe_OptionOutOfRange_ExitsTwoNamingIt(string option, string value, string expected)
    {
        var run = await _cli.RunAsync("dedupe", "--data", Write("people.csv", "id,surname\n1,Lee\n"), "--out", OutPath(), option, value);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dedupe_MissingDataFile_ExitsTwoNamingIt()
    {
        var missing = Path.Combine(_cli.Root, "nowhere.csv");

        var run = await _cli.RunAsync("dedupe", "--data", missing, "--out", OutPath());

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains($"{missing}: the file does not exist", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dedupe_OutInAFolderThatDoesNotExist_ExitsTwoBeforeTheRun()
    {
        var run = await _cli.RunAsync(
            "dedupe", "--data", Write("people.csv", "id,surname\n1,Lee\n"), "--out", Path.Combine(_cli.Root, "no", "such", "pairs.csv"));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("the folder does not exist", run.Error, StringComparison.Ordinal);
    }

    private static string Febrl1() =>
        BenchInputs.FindUp(Path.Combine("shared", "data", "linkage", "febrl", "dataset1.csv"))
        ?? throw new InvalidOperationException("shared/data/linkage/febrl/dataset1.csv was not found above the test's folder.");

    private string OutPath() => Path.Combine(Directory.CreateDirectory(Path.Combine(_cli.Root, "out")).FullName, "pairs.csv");

    private string Write(string name, string text)
    {
        var path = Path.Combine(_cli.Root, name);
        File.WriteAllText(path, text);
        return path;
    }

    private sealed record Pair(string Left, string Right, double Probability, string Decision)
    {
        public (string, string) Key => string.CompareOrdinal(Left, Right) < 0 ? (Left, Right) : (Right, Left);

        public bool IsTrue => Left.Split('-')[1] == Right.Split('-')[1];

        // FEBRL ids hold no comma, so a row splits plainly.
        public static Pair Parse(string line)
        {
            var fields = line.Split(',');
            Assert.Equal(4, fields.Length);
            return new Pair(fields[0], fields[1], double.Parse(fields[2], CultureInfo.InvariantCulture), fields[3]);
        }
    }
}
