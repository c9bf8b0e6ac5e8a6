namespace AutomationFleet.Core.Incidents;

/// <summary>Which incident state changes are allowed: the one rule every store enforces.</summary>
public static class IncidentTransitions
{
    /// <summary>Whether an incident may go from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool IsAllowed(IncidentState from, IncidentState to) => (from, to) switch
    {
        (IncidentState.Open, IncidentState.Allocated or IncidentState.Resolved or IncidentState.Closed) => true,
        (IncidentState.Allocated, IncidentState.Open or IncidentState.Allocated or IncidentState.Resolved or IncidentState.Closed) => true,
        // A resolved incident can be reopened by a person (the problem came back) or closed.
        (IncidentState.Resolved, IncidentState.Open or IncidentState.Closed) => true,
        _ => false,
    };

    /// <summary>Throws <see cref="InvalidIncidentTransitionException"/> unless the move is allowed.</summary>
    public static void Ensure(string reference, IncidentState from, IncidentState to)
    {
        if (!IsAllowed(from, to))
        {
            throw new InvalidIncidentTransitionException(reference, from, to);
        }
    }

    /// <summary>Whether an incident in this state is still being worked (counts against capacity, can be escalated).</summary>
    public static bool IsActive(IncidentState state) => state is IncidentState.Open or IncidentState.Allocated;

    /// <summary>The state an allocation gives: Allocated with a person, Open (the team's queue) without.</summary>
    public static IncidentState AllocationTarget(string? assignee) => assignee is null ? IncidentState.Open : IncidentState.Allocated;

    /// <summary>
    /// Checks an allocation from <paramref name="from"/> to <paramref name="to"/>. Giving an open incident to another
    /// team's queue leaves it Open: not a state change, so not checked (the table lists no Open → Open). Every other
    /// allocation is, so a resolved or closed incident cannot be allocated unless the table allows it.
    /// </summary>
    public static void EnsureAllocation(string reference, IncidentState from, IncidentState to)
    {
        if (from != IncidentState.Open || to != IncidentState.Open)
        {
            Ensure(reference, from, to);
        }
    }

    /// <summary>
    /// Checks the target of a plain state change before anything is read: a known state, and not Allocated (allocating
    /// needs a team and a person, so it is an allocation, not a state change).
    /// </summary>
    public static void EnsureDirectTarget(IncidentState to)
    {
        if (!Enum.IsDefined(to))
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, "Unknown incident state.");
        }

        if (to == IncidentState.Allocated)
        {
            throw new ArgumentException("Allocating needs a team and a person: use AllocateAsync.", nameof(to));
        }
    }
}
