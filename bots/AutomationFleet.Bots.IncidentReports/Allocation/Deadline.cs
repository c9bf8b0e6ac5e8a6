namespace AutomationFleet.Bots.IncidentReports.Allocation;

/// <summary>A deadline, when the supervisor is told it is near, and how it was counted.</summary>
public sealed record Deadline(DateTimeOffset At, DateTimeOffset EscalateAt, string Explanation);
