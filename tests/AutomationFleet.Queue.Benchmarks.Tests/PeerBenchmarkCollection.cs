namespace AutomationFleet.Queue.Benchmarks.Tests;

/// <summary>
/// The benchmark's test classes run one after another: Hangfire's in-process no-op records into one static ledger
/// (<c>NoOpJob.Current</c>), so two runs at once would count each other's jobs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PeerBenchmarkCollection
{
    public const string Name = "Peer benchmark";
}
