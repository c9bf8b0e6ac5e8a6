namespace AutomationFleet.Core.WorkItems;

/// <summary>
/// A worker acted on an item it no longer holds: its lease expired and another worker took it,
/// or the item was cancelled. The worker must drop the item without side effects.
/// </summary>
public sealed class LeaseLostException : InvalidOperationException
{
    /// <summary>Creates the exception for one item and worker.</summary>
    public LeaseLostException(long itemId, string workerId)
        : base($"Worker {workerId} no longer holds the lease on item {itemId}.")
    {
        ItemId = itemId;
        WorkerId = workerId;
    }

    /// <summary>The item.</summary>
    public long ItemId { get; }

    /// <summary>The worker that lost it.</summary>
    public string WorkerId { get; }
}
