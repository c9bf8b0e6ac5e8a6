namespace AutomationFleet.Bots.IncidentReports.Escalation;

/// <summary>
/// What the escalation bot decided for one item: a sweep lists the incidents due (<see cref="Due"/>); an escalation
/// names one incident and where its supervisor's e-mail goes.
/// </summary>
/// <param name="Due">For a sweep: the incidents whose deadline is near and not yet escalated.</param>
/// <param name="Incident">For an escalation: the incident.</param>
/// <param name="Team">Its team.</param>
/// <param name="Deadline">Its deadline.</param>
/// <param name="Summary">Its one-line summary (no names).</param>
public sealed record EscalationOutcome(
    IReadOnlyList<string>? Due = null, string? Incident = null, string? Team = null, DateTimeOffset? Deadline = null, string? Summary = null);
