namespace AutomationFleet.Bots.IncidentReports;

/// <summary>
/// The bot's decided outcome for one report: open a new incident and allocate it, or link the report to an open one.
/// A reviewer's correction is the same shape. <see cref="Text"/> and <see cref="Summary"/> may hold personal data: never log them.
/// </summary>
/// <param name="Action"><see cref="IncidentActionsDecided.Open"/> or <see cref="IncidentActionsDecided.Link"/>.</param>
/// <param name="IncidentReference">The incident opened (derived from the report) or linked to.</param>
/// <param name="Kind">The kind of incident.</param>
/// <param name="KindGroup">Its de-duplication group.</param>
/// <param name="Severity">Its severity.</param>
/// <param name="Team">The team allocated (for a link: the incident's team, told of the repeat report).</param>
/// <param name="Assignee">The person allocated, or null for the team's queue.</param>
/// <param name="Rule">The allocation rule that chose the team (or <c>reviewer</c>).</param>
/// <param name="Deadline">By when the team must act.</param>
/// <param name="OutOfHours">Received out of office hours and sent to the duty team.</param>
/// <param name="Area">The area the place is in.</param>
/// <param name="PlaceId">The gazetteer place.</param>
/// <param name="Latitude">The place's latitude.</param>
/// <param name="Longitude">The place's longitude.</param>
/// <param name="PersonId">The case record the report is about.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="Summary">A one-line summary for lists and the team's e-mail (kind, street, area; no names).</param>
/// <param name="Text">The report's words, kept with the incident for de-duplication.</param>
public sealed record IncidentOutcome(
    string Action,
    string IncidentReference,
    string Kind,
    string KindGroup,
    string Severity,
    string Team,
    string? Assignee,
    string Rule,
    DateTimeOffset Deadline,
    bool OutOfHours,
    string? Area,
    string? PlaceId,
    double? Latitude,
    double? Longitude,
    string? PersonId,
    DateTimeOffset OccurredAt,
    string Summary,
    string Text);

/// <summary>The actions an outcome can decide.</summary>
public static class IncidentActionsDecided
{
    /// <summary>Open a new incident and allocate it.</summary>
    public const string Open = "open";

    /// <summary>Link the report to an open incident it repeats; nothing is allocated again.</summary>
    public const string Link = "link";
}
