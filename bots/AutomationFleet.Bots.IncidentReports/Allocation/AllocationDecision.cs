namespace AutomationFleet.Bots.IncidentReports.Allocation;

/// <summary>
/// Where an incident goes. <see cref="Team"/> is null when no rule matched (a person chooses, urgently);
/// <see cref="Assignee"/> is null when nobody in the team can take it now (it waits in the team's queue).
/// <see cref="Reasons"/> say why, in words, naming no one the incident is about.
/// </summary>
public sealed record AllocationDecision(
    string? Team,
    string? Rule,
    string? Assignee,
    DateTimeOffset Deadline,
    bool OutOfHours,
    IReadOnlyList<string> Reasons);
