namespace AutomationFleet.Core.WorkItems;

/// <summary>
/// What an administrator may replay: only dead letters. The transition table also allows New from InProgress and
/// NeedsReview, but those moves belong to a worker's release and a reviewer's decision, not to a replay.
/// </summary>
public static class ReplayPolicy
{
    /// <summary>Whether an item in <paramref name="state"/> may be replayed.</summary>
    public static bool CanReplay(WorkItemState state) => state == WorkItemState.DeadLettered;

    /// <summary>Throws <see cref="InvalidStateTransitionException"/> unless the item may be replayed.</summary>
    public static void EnsureReplayable(string reference, WorkItemState state)
    {
        WorkItemTransitions.EnsureAllowed(reference, state, WorkItemState.New);
        if (!CanReplay(state))
        {
            throw new InvalidStateTransitionException(reference, state, WorkItemState.New);
        }
    }
}
