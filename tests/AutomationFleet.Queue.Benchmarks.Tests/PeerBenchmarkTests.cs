namespace AutomationFleet.Queue.Benchmarks.Tests;

/// <summary>Both sides on small numbers against real SQLite files: no speed is asserted, only that every item was done once.</summary>
[Trait("Category", "Integration")]
[Collection(PeerBenchmarkCollection.Name)]
public sealed class PeerBenchmarkTests
{
    private static PeerBenchmarkSettings Settings(int items, params int[] consumers) =>
        new("sqlite", items, consumers, Runs: 1, BatchSize: 16, SynchronousSetting.StoreDefault, TimeSpan.FromMilliseconds(1));

    [Fact]
    public async Task RunAsync_SmallSqliteRun_EveryItemCompletedExactlyOnceOnBothSides()
    {
        await using var benchmark = PeerBenchmark.ForStore(Settings(200, 1, 2));
        var report = await benchmark.RunAsync(progress: null, CancellationToken.None);

        Assert.Equal(2, report.Comparisons.Count);
        foreach (var comparison in report.Comparisons)
        {
            Assert.Empty(comparison.Fleet.Problems);
            Assert.Empty(comparison.Hangfire.Problems);
            Assert.Equal(200, comparison.Fleet.Completed);
            Assert.Equal(200, comparison.Hangfire.Completed);
            Assert.Equal((0, 0), (comparison.Fleet.Lost, comparison.Fleet.Duplicated));
            Assert.Equal((0, 0), (comparison.Hangfire.Lost, comparison.Hangfire.Duplicated));
            Assert.True(comparison.Fleet.ProcessPerSecond > 0 && comparison.Hangfire.ProcessPerSecond > 0);
        }

        Assert.True(report.Verified);
    }

    [Fact]
    public async Task RunAsync_SynchronousFull_BothSidesReportFull()
    {
        var settings = Settings(20, 1) with { Synchronous = SynchronousSetting.Full };

        await using var benchmark = PeerBenchmark.ForStore(settings);
        var report = await benchmark.RunAsync(progress: null, CancellationToken.None);

        var comparison = Assert.Single(report.Comparisons);
        Assert.Contains("synchronous=full", comparison.Fleet.Store, StringComparison.Ordinal);
        Assert.Contains("synchronous=full", comparison.Hangfire.Store, StringComparison.Ordinal);
        Assert.True(report.Verified);
    }

    [Fact]
    public void Validate_ProcessesOnSqlite_SaysTheyNeedPostgres()
    {
        var settings = Settings(10, 1) with { Processes = [2] };

        var failure = Assert.Single(settings.Validate());

        Assert.Contains("--processes needs --store postgres", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SmallPostgresRun_Accepted()
    {
        var settings = Settings(10, 1) with { Store = "postgres", Processes = [1, 2] };

        Assert.Empty(settings.Validate());
    }

    [Fact]
    public void Print_Report_HasOneTableRowPerComparisonWithBothRatios()
    {
        var fleet = new SideResult("fleet", 2, 100, "sqlite", 1000, 800, 100, 0, 0, []);
        var hangfire = new SideResult("hangfire", 2, 100, "sqlite", 500, 200, 100, 0, 0, []);
        var report = new PeerBenchmarkReport(Settings(100, 2), 2, "1 1 1", "1 1 1", [new PeerComparison(1, 2, "1 1 1", fleet, hangfire)]);
        using var output = new StringWriter();

        report.Print(output);

        Assert.Contains("| 1 | 2 | 1,000 | 500 | 2.00× | 800 | 200 | 4.00× | 1 1 1 |", output.ToString(), StringComparison.Ordinal);
    }
}
