namespace AutomationFleet.Queue.Benchmarks.Tests;

/// <summary>
/// The PostgreSQL path on small numbers against a throw-away server the benchmark starts itself (initdb/pg_ctl), with
/// consumers in one process and worker processes (the benchmark started again as children): no speed is asserted, only
/// that every item was done once on both sides.
/// </summary>
[Trait("Category", "Integration")]
[Collection(PeerBenchmarkCollection.Name)]
public sealed class PostgresPeerBenchmarkTests
{
    [Fact]
    public async Task RunAsync_SmallPostgresRunWithProcesses_EveryItemCompletedExactlyOnceOnBothSides()
    {
        var settings = new PeerBenchmarkSettings(
            "postgres", Items: 150, Consumers: [2], Runs: 1, BatchSize: 16, SynchronousSetting.StoreDefault, TimeSpan.FromMilliseconds(1))
        {
            Processes = [2],
        };
        await using var benchmark = PeerBenchmark.ForStore(settings);

        var report = await benchmark.RunAsync(progress: null, CancellationToken.None);

        var comparisons = report.Comparisons.Concat(report.ProcessComparisons).ToList();
        Assert.Equal(2, comparisons.Count);
        foreach (var comparison in comparisons)
        {
            Assert.Empty(comparison.Fleet.Problems);
            Assert.Empty(comparison.Hangfire.Problems);
            Assert.Equal(150, comparison.Fleet.Completed);
            Assert.Equal(150, comparison.Hangfire.Completed);
            Assert.Contains("PostgreSQL", comparison.Fleet.Store, StringComparison.Ordinal);
            Assert.Contains("Hangfire.PostgreSql", comparison.Hangfire.Store, StringComparison.Ordinal);
            // The shared throw-away server commits as the fleet does (durability is not traded for speed here).
            Assert.Contains("synchronous_commit=on", comparison.Fleet.Store, StringComparison.Ordinal);
        }

        Assert.True(report.Verified);
    }
}
