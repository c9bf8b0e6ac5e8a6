namespace AutomationFleet.Core.Incidents;

/// <summary>What a bot (or a reviewer's decision) records as a new incident; see <see cref="Incident"/> for the fields.</summary>
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
    string Text);
