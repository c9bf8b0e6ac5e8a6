namespace AutomationFleet.Bots.IncidentReports.Allocation;

/// <summary>
/// A kind of incident. Reports of kinds in the same <see cref="Group"/> within <see cref="Window"/> and
/// <see cref="DistanceMetres"/> of each other are candidates for being the same incident.
/// </summary>
public sealed record IncidentKind(
    string Id,
    string Name,
    string Group,
    string DefaultSeverity,
    TimeSpan Window,
    double DistanceMetres,
    bool NeverAutomatic,
    IReadOnlyList<string> Keywords);
