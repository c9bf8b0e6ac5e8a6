using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Queue.Benchmarks.FleetSide;

/// <summary>A fresh work queue for one run, its description for the report, and how to throw it away afterwards.</summary>
public sealed class FleetQueueInstance(IWorkQueue queue, string description, Func<ValueTask> dispose) : IAsyncDisposable
{
    public IWorkQueue Queue { get; } = queue;

    public string Description { get; } = description;

    /// <summary>The database's connection string, for worker processes; null for an embedded store.</summary>
    public string? ConnectionString { get; init; }

    public ValueTask DisposeAsync() => dispose();
}
