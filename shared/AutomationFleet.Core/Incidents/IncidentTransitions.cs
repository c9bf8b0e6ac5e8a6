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
}
