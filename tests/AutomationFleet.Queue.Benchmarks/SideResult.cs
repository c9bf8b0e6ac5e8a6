namespace AutomationFleet.Queue.Benchmarks;

/// <summary>One system's numbers for one consumer count.</summary>
/// <param name="System">"fleet" or "hangfire".</param>
/// <param name="Consumers">Concurrent consumers (fleet) or Hangfire workers (<c>WorkerCount</c>).</param>
/// <param name="Items">Items enqueued.</param>
/// <param name="Store">Where the run kept its data and how it commits, as measured.</param>
/// <param name="EnqueuePerSecond">Items enqueued per second, one producer, into an empty store.</param>
/// <param name="ProcessPerSecond">Items taken and completed per second, from the first take until the last one is recorded done.</param>
/// <param name="Completed">Items recorded done (fleet: Completed; Hangfire: Succeeded).</param>
/// <param name="Lost">Items never completed.</param>
/// <param name="Duplicated">Items whose no-op ran more than once.</param>
/// <param name="Problems">What the check after the run found; empty when every item was done exactly once.</param>
public sealed record SideResult(
    string System,
    int Consumers,
    int Items,
    string Store,
    double EnqueuePerSecond,
    double ProcessPerSecond,
    long Completed,
    int Lost,
    int Duplicated,
    IReadOnlyList<string> Problems)
{
    public bool Verified => Problems.Count == 0;
}
