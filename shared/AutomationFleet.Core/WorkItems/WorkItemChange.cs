namespace AutomationFleet.Core.WorkItems;

/// <summary>
/// A state change <see cref="WorkItemStateMachine"/> has decided: what a store writes to the item and to its audit
/// row, in one transaction. The store adds only the time and the columns the change implies (lease cleared, …).
/// </summary>
/// <param name="From">The state before; null when the item is created.</param>
/// <param name="To">The state after.</param>
/// <param name="Attempts">The item's attempt count after the change.</param>
/// <param name="Reason">The audit row's reason.</param>
public sealed record WorkItemChange(WorkItemState? From, WorkItemState To, int Attempts, string Reason)
{
    /// <summary>When a Retrying item may be leased again; null for every other change.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }
}
