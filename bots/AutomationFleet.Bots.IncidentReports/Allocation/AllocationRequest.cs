namespace AutomationFleet.Bots.IncidentReports.Allocation;

/// <summary>What the allocator needs to know about one incident.</summary>
public sealed record AllocationRequest(string Kind, string Severity, string? Area, string? PersonTeam, DateTimeOffset ReceivedAt);
