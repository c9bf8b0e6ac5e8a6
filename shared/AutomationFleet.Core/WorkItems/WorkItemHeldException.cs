namespace AutomationFleet.Core.WorkItems;

/// <summary>
/// A person asked to cancel an item a worker holds under a live lease: the worker may be in the middle of a side
/// effect, so the item is not taken from under it. Try again once it is finished or released (pause the bot to stop
/// it being taken again), or once the lease has expired.
/// </summary>
public sealed class WorkItemHeldException : InvalidOperationException
{
    /// <summary>Creates the exception for one item and the worker holding it.</summary>
    public WorkItemHeldException(string reference, string worker, DateTimeOffset leaseExpiresAt)
        : base($"Item {reference} is being worked on by {worker} (lease until {leaseExpiresAt:yyyy-MM-dd HH:mm:ss} UTC); "
            + "cancel it once it is finished or released, or pause its bot first.")
    {
        Reference = reference;
        Worker = worker;
        LeaseExpiresAt = leaseExpiresAt;
    }

    /// <summary>The item's unique reference.</summary>
    public string Reference { get; }

    /// <summary>The worker holding the lease.</summary>
    public string Worker { get; }

    /// <summary>When the lease runs out unless renewed.</summary>
    public DateTimeOffset LeaseExpiresAt { get; }
}
