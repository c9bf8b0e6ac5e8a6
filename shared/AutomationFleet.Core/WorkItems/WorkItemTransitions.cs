namespace AutomationFleet.Core.WorkItems;

/// <summary>
/// The one place that says which state changes are allowed. Every store calls
/// <see cref="EnsureAllowed"/> inside the transaction that changes the state.
/// </summary>
public static class WorkItemTransitions
{
    private static readonly Dictionary<WorkItemState, WorkItemState[]> Allowed = new()
    {
        [WorkItemState.New] = [WorkItemState.InProgress, WorkItemState.Cancelled],
        // InProgress -> InProgress: a lease that expired (crashed worker) is taken by another worker.
        // InProgress -> New: a worker shutting down releases what it holds.
        [WorkItemState.InProgress] =
        [
            WorkItemState.InProgress, WorkItemState.New, WorkItemState.Completed, WorkItemState.NeedsReview,
            WorkItemState.BusinessException, WorkItemState.Retrying, WorkItemState.DeadLettered, WorkItemState.Cancelled,
        ],
        [WorkItemState.Retrying] = [WorkItemState.InProgress, WorkItemState.Cancelled],
        // NeedsReview -> New: approved or corrected, the decided outcome goes on to delivery.
        // NeedsReview -> NeedsReview: escalated to a supervisor.
        // NeedsReview -> BusinessException: rejected by the reviewer.
        [WorkItemState.NeedsReview] =
            [WorkItemState.New, WorkItemState.NeedsReview, WorkItemState.BusinessException, WorkItemState.Cancelled],
        // DeadLettered -> New: replayed by an administrator.
        [WorkItemState.DeadLettered] = [WorkItemState.New, WorkItemState.Cancelled],
        [WorkItemState.Completed] = [],
        [WorkItemState.BusinessException] = [],
        [WorkItemState.Cancelled] = [],
    };

    /// <summary>Whether an item may move from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool IsAllowed(WorkItemState from, WorkItemState to) =>
        Allowed.TryGetValue(from, out var targets) && targets.Contains(to);

    /// <summary>Throws <see cref="InvalidStateTransitionException"/> unless the move is allowed.</summary>
    public static void EnsureAllowed(string reference, WorkItemState from, WorkItemState to)
    {
        if (!IsAllowed(from, to))
        {
            throw new InvalidStateTransitionException(reference, from, to);
        }
    }

    /// <summary>States an item never leaves.</summary>
    public static bool IsTerminal(WorkItemState state) => Allowed[state].Length == 0;
}
