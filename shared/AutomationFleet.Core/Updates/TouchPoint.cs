namespace AutomationFleet.Core.Updates;

/// <summary>A moment in an item's life at which its sender may be sent an update (configured per queue in <c>Updates:Queues</c>).</summary>
public enum TouchPoint
{
    /// <summary>The fleet has the item and has started on it.</summary>
    Received,

    /// <summary>The item was handed to a service (another queue, or the service the outcome names).</summary>
    PassedToService,

    /// <summary>An outcome was decided, by a bot or a reviewer.</summary>
    Decided,

    /// <summary>The item's due date is close and it is not finished: an apology and a new date.</summary>
    TimescaleAtRisk,

    /// <summary>The fleet finished the item.</summary>
    Done,
}
