namespace AutomationFleet.Core.Incidents;

/// <summary>
/// One incident as the store keeps it: what happened, where, whose it is and by when. Several reports can be linked
/// to one incident (<see cref="ReportCount"/>). <see cref="Summary"/> and <see cref="Text"/> may hold personal data:
/// never log them; log <see cref="Reference"/>.
/// </summary>
/// <param name="Reference">The incident's reference, e.g. <c>INC-…</c>; derived from its first report so a redo finds it.</param>
/// <param name="FirstReport">The work-item reference of the report that opened it.</param>
/// <param name="Kind">The kind of incident (an id from the allocation config, e.g. <c>pothole</c>).</param>
/// <param name="KindGroup">The group of kinds treated as "the same thing" for de-duplication (e.g. <c>road-surface</c>).</param>
/// <param name="Severity">The severity id (e.g. <c>urgent</c>).</param>
/// <param name="State">Where it is in its life.</param>
/// <param name="Team">The team it is allocated to.</param>
/// <param name="Assignee">The person in the team, or null when it waits in the team's queue.</param>
/// <param name="Area">The area the place is in, if a place was found.</param>
/// <param name="PlaceId">The gazetteer entry (street) of the place, if found.</param>
/// <param name="Latitude">The place's latitude (WGS84), if known.</param>
/// <param name="Longitude">The place's longitude (WGS84), if known.</param>
/// <param name="PersonId">The case record the incident is about, if matched.</param>
/// <param name="OccurredAt">When it happened, as reported (else when it was received).</param>
/// <param name="OpenedAt">When the fleet recorded it.</param>
/// <param name="Deadline">By when the team must act.</param>
/// <param name="EscalatedAt">When a supervisor was told the deadline is near; null until then (escalation happens once).</param>
/// <param name="ReportCount">How many reports are linked to it, the first included.</param>
/// <param name="Summary">A one-line summary for lists.</param>
/// <param name="Text">The first report's text, compared with later reports for de-duplication.</param>
/// <param name="TextVector">
/// The sentence encoder's vector of <paramref name="Text"/>, kept when the incident was opened if it had been computed
/// anyway (null otherwise); only the nearby query
/// (<see cref="IIncidentStore.FindNearbyAsync"/>) reads it, every other read leaves it null.
/// </param>
public sealed record Incident(
    string Reference,
    string FirstReport,
    string Kind,
    string KindGroup,
    string Severity,
    IncidentState State,
    string Team,
    string? Assignee,
    string? Area,
    string? PlaceId,
    double? Latitude,
    double? Longitude,
    string? PersonId,
    DateTimeOffset OccurredAt,
    DateTimeOffset OpenedAt,
    DateTimeOffset Deadline,
    DateTimeOffset? EscalatedAt,
    int ReportCount,
    string Summary,
    string Text,
    IncidentTextVector? TextVector = null);
