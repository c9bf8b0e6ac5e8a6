namespace AutomationFleet.Core.Incidents;

/// <summary>A state change <see cref="IncidentTransitions"/> does not allow.</summary>
public sealed class InvalidIncidentTransitionException(string reference, IncidentState from, IncidentState to)
    : Exception($"Incident {reference} cannot go from {from} to {to}.")
{
    /// <summary>The incident.</summary>
    public string Reference { get; } = reference;

    /// <summary>Its state.</summary>
    public IncidentState From { get; } = from;

    /// <summary>The state asked for.</summary>
    public IncidentState To { get; } = to;
}
