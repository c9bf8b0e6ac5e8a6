using System.Text.Json;
using AutomationFleet.Worker.Cli;
using AutomationFleet.Worker.Cli.Bench;

namespace AutomationFleet.Worker.Tests.Cli;

/// <summary>
/// <c>fleet bench inbound-post</c> on one real scan: the real host and bot (Tesseract in-process), then the
/// <c>tesseract</c> command (Debian package tesseract-ocr) on the same page, one process at a time and as many at once
/// as the bot reads pages at once, with the bot's time split by stage. Nothing is skipped: without the command the
/// benchmark fails and says which package to install.
/// </summary>
[Trait("Category", "Integration")]
[Collection(CliTestCollection.Name)]
public sealed class BenchInboundPostCommandTests : IAsyncLifetime
{
    private readonly CliFixture _cli = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _cli.DisposeAsync();

    [Fact]
    public async Task BenchInboundPost_OnePageOneCopy_ReportsRatesAndLosesNothing()
    {
        var pages = PagesFolder("phototest.tif");

        var run = await _cli.RunAsync("bench", "inbound-post", "--pages", pages, "--copies", "1", "--consumers", "1", "--json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Output + run.Error);
        using var json = JsonDocument.Parse(run.Output);
        var report = json.RootElement;
        Assert.Equal(1, report.GetProperty("files").GetInt32());
        Assert.Equal(1, report.GetProperty("items").GetInt32());
        Assert.Equal(1, report.GetProperty("consumers").GetInt32());
        Assert.True(report.GetProperty("verified").GetBoolean());
        Assert.Empty(report.GetProperty("problems").EnumerateArray());
        Assert.StartsWith("tesseract 5", report.GetProperty("tesseractVersion").GetString(), StringComparison.Ordinal);

        var bot = report.GetProperty("bot");
        Assert.Equal(1, bot.GetProperty("pages").GetInt32());
        Assert.Equal(1, bot.GetProperty("ocrPages").GetInt32());
        Assert.Equal(0, bot.GetProperty("lost").GetInt32());
        Assert.Equal(1, bot.GetProperty("completed").GetInt32() + bot.GetProperty("needsReview").GetInt32());
        Assert.True(bot.GetProperty("pagesPerSecond").GetDouble() > 0);

        foreach (var name in new[] { "tesseractSingleThread", "tesseractParallel", "tesseractDefaultThreads" })
        {
            var command = report.GetProperty(name);
            Assert.Equal(1, command.GetProperty("pages").GetInt32());
            Assert.True(command.GetProperty("pagesPerSecond").GetDouble() > 0, name);
        }

        Assert.True(report.GetProperty("speedupOverSingleThread").GetDouble() > 0);
        Assert.True(report.GetProperty("speedupOverDefaultThreads").GetDouble() > 0);
        Assert.True(report.GetProperty("speedupOverParallel").GetDouble() > 0);
        Assert.True(bot.GetProperty("warmUpSeconds").GetDouble() > 0);
        var stages = report.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("stage").GetString()!, s => s.GetProperty("count").GetInt32());
        Assert.Equal(1, stages["decide"]);
        Assert.Equal(1, stages["recognize"]);
        Assert.Equal(1, stages["page image store"]);

        var classification = report.GetProperty("classification");
        Assert.True(classification.GetProperty("documents").GetInt32() >= 10_000);
        Assert.Equal(1, classification.GetProperty("distinctTexts").GetInt32());
        // phototest.tif holds a paragraph of English: the command's text of it is not empty.
        Assert.True(classification.GetProperty("meanCharacters").GetDouble() > 100);
        Assert.True(classification.GetProperty("documentsPerSecond").GetDouble() > 0);
    }

    [Fact]
    public async Task BenchInboundPost_FolderWithoutScans_ExitCode2()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_cli.Root, "no-scans")).FullName;
        await File.WriteAllTextAsync(Path.Combine(empty, "notes.txt"), "not a scan");

        var run = await _cli.RunAsync("bench", "inbound-post", "--pages", empty);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("No scan pages", run.Error, StringComparison.Ordinal);
    }

    private string PagesFolder(params string[] names)
    {
        var source = BenchInputs.FindUp(Path.Combine("shared", "data", "ocr"))
            ?? throw new InvalidOperationException("shared/data/ocr (the real scans) was not found above the test's folder.");
        var folder = Directory.CreateDirectory(Path.Combine(_cli.Root, "pages")).FullName;
        foreach (var name in names)
        {
            File.Copy(Path.Combine(source, name), Path.Combine(folder, name));
        }

        return folder;
    }
}
