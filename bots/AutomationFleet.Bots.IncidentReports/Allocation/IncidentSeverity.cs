namespace AutomationFleet.Bots.IncidentReports.Allocation;

/// <summary>
/// How fast an incident must be dealt with: within <see cref="Hours"/> clock hours or within <see cref="WorkingDays"/>
/// England and Wales working days (exactly one is set). <see cref="OutOfHoursResponse"/> severities go to the duty team
/// out of hours; the others wait for the day team. A supervisor is told <see cref="EscalateBefore"/> the deadline.
/// </summary>
public sealed record IncidentSeverity(
    string Id,
    string Name,
    int? Hours,
    int? WorkingDays,
    bool OutOfHoursResponse,
    TimeSpan EscalateBefore);
