namespace AutomationFleet.Core.WorkItems;

/// <summary>A caller asked for a state change that <see cref="WorkItemTransitions"/> does not allow.</summary>
public sealed class InvalidStateTransitionException : InvalidOperationException
{
    /// <summary>Creates the exception for one item and one refused move.</summary>
    public InvalidStateTransitionException(string reference, WorkItemState from, WorkItemState to)
        : base($"Item {reference} cannot move from {from} to {to}.")
    {
        Reference = reference;
        From = from;
        To = to;
    }

    /// <summary>The item's unique reference.</summary>
    public string Reference { get; }

    /// <summary>The state the item is in.</summary>
    public WorkItemState From { get; }

    /// <summary>The state that was refused.</summary>
    public WorkItemState To { get; }
}
