namespace AutomationFleet.Core.Incidents;

/// <summary>
/// What a bot (or a reviewer's decision) records as a new incident; see <see cref="Incident"/> for the fields.
/// <see cref="TextVector"/> is the encoder's vector of <see cref="Text"/>, null when none was computed.
/// </summary>
public sealed record NewIncident(
    string Reference,
    string FirstReport,
    string Kind,
    string KindGroup,
    string Severity,
    string Team,
    string? Assignee,
    string? Area,
    string? PlaceId,
    double? Latitude,
    double? Longitude,
    string? PersonId,
    DateTimeOffset OccurredAt,
    DateTimeOffset Deadline,
    string Summary,
    string Text,
    IncidentTextVector? TextVector = null);
