namespace AutomationFleet.Worker.Cli.Bench;

/// <summary>What one queue benchmark measured and whether every item was completed exactly once.</summary>
/// <param name="Items">Items per phase.</param>
/// <param name="Consumers">Concurrent consumers.</param>
/// <param name="Producers">Concurrent enqueuers.</param>
/// <param name="BatchSize">Items per lease call.</param>
/// <param name="Synchronous">SQLite synchronous setting.</param>
/// <param name="DatabasePath">The (fresh) database file.</param>
/// <param name="ProcessorCount">Logical processors of this machine.</param>
/// <param name="EnqueueItemsPerSecond">Phase 1: enqueue only, into an empty queue.</param>
/// <param name="LeaseCompleteItemsPerSecond">Phase 2: lease in batches and complete, draining the phase-1 backlog.</param>
/// <param name="LiveItemsPerSecond">Phase 3: enqueue and lease+complete at the same time, items per second end to end.</param>
/// <param name="LatencyP50Milliseconds">Phase 3: median time from enqueue (created_at) to completion (audit).</param>
/// <param name="LatencyP99Milliseconds">Phase 3: 99th percentile of the same.</param>
/// <param name="LatencyMaxMilliseconds">Phase 3: the slowest item.</param>
/// <param name="Lost">Items not completed.</param>
/// <param name="Duplicated">Items leased or completed more than once.</param>
/// <param name="Problems">Every verification failure, in words; empty when nothing was lost or done twice.</param>
public sealed record QueueBenchmarkReport(
    int Items,
    int Consumers,
    int Producers,
    int BatchSize,
    string Synchronous,
    string DatabasePath,
    int ProcessorCount,
    double EnqueueItemsPerSecond,
    double LeaseCompleteItemsPerSecond,
    double LiveItemsPerSecond,
    double LatencyP50Milliseconds,
    double LatencyP99Milliseconds,
    double LatencyMaxMilliseconds,
    int Lost,
    int Duplicated,
    IReadOnlyList<string> Problems)
{
    public bool Verified => Problems.Count == 0;
}
