namespace AutomationFleet.Core.WorkItems;

/// <summary>Where a work item is in its life. Transitions are checked by <see cref="WorkItemTransitions"/>.</summary>
public enum WorkItemState
{
    /// <summary>Enqueued (or released, replayed, or decided by a reviewer) and waiting for a worker.</summary>
    New = 0,

    /// <summary>Leased by a worker; comes back when the lease expires.</summary>
    InProgress = 1,

    /// <summary>Decided and delivered. Terminal.</summary>
    Completed = 2,

    /// <summary>Waiting for a person in the review queue.</summary>
    NeedsReview = 3,

    /// <summary>A business rule said no. Terminal and never retried.</summary>
    BusinessException = 4,

    /// <summary>A system fault happened; the item is retried after a back-off.</summary>
    Retrying = 5,

    /// <summary>Attempts exhausted after system faults; an administrator may replay it.</summary>
    DeadLettered = 6,

    /// <summary>Withdrawn by a person. Terminal.</summary>
    Cancelled = 7,
}
