using System.Text.Json;

namespace AutomationFleet.Bots.IncidentReports.Tests.Cli;

/// <summary>
/// <c>fleet incidents bench</c> through the real command line, small: a seeded scratch store, the real encoder, and a
/// summary whose counts add up. No speed is asserted: the numbers are for a person to read.
/// </summary>
public sealed class IncidentBenchCliTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("af-incident-bench-");

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Bench_SmallStore_SummaryAddsUpAndLinksRepeats()
    {
        var result = await RunAsync("incidents", "bench", "--open", "2000", "--reports", "200", "--seed", "7", "--json");

        Assert.True(result.Exit == 0, result.Error);
        using var document = JsonDocument.Parse(result.Output);
        var summary = document.RootElement;
        int Count(string name) => summary.GetProperty(name).GetInt32();
        Assert.Equal(2000, Count("seeded"));
        Assert.Equal(200, Count("reports"));
        Assert.Equal(200, Count("allocated") + Count("linked") + Count("review") + Count("refused"));
        Assert.Equal(Count("allocated"), Count("opened"));
        Assert.InRange(Count("openAtStart"), 2000, 2000 + Count("warmUpReports"));
        Assert.Equal(Count("openAtStart") + Count("opened"), Count("openAtEnd"));
        Assert.InRange(Count("repeats"), 10, 60);
        Assert.InRange(Count("repeatsLinkedToTheirIncident"), 1, Count("repeats"));
        Assert.True(Count("linked") >= Count("repeatsLinkedToTheirIncident"));
        Assert.InRange(Count("reportsEmbedded"), 1, 200);
        Assert.InRange(Count("incidentVectorsKept"), 0, Count("opened"));
        var p50 = summary.GetProperty("decideP50Ms").GetDouble();
        Assert.True(p50 > 0 && p50 <= summary.GetProperty("decideP99Ms").GetDouble() && summary.GetProperty("decideP99Ms").GetDouble() <= summary.GetProperty("decideMaxMs").GetDouble());
        Assert.True(summary.GetProperty("reportsPerSecond").GetDouble() > 0);
        Assert.Contains("seeded 2,000 of 2,000", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_DbThatExists_RefusedWithUsage()
    {
        var existing = Path.Combine(_directory.FullName, "fleet.db");
        await File.WriteAllTextAsync(existing, "");

        var result = await RunAsync("incidents", "bench", "--open", "10", "--reports", "1", "--db", existing);

        Assert.Equal(2, result.Exit);
        Assert.Contains("exists", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private Task<(int Exit, string Output, string Error)> RunAsync(params string[] args) => IncidentCli.RunAsync(_directory, args);
}
