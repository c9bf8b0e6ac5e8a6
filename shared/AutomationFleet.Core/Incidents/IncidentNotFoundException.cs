namespace AutomationFleet.Core.Incidents;

/// <summary>No incident has the reference given.</summary>
public sealed class IncidentNotFoundException(string reference) : Exception($"No incident {reference}.")
{
    /// <summary>The reference asked for.</summary>
    public string Reference { get; } = reference;
}
