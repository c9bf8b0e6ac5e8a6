namespace AutomationFleet.Bots.IncidentReports.Allocation;

/// <summary>A team incidents are allocated to, with its shared mailbox and its supervisor's, for escalations.</summary>
public sealed record Team(string Id, string Name, string Email, string SupervisorEmail, IReadOnlyList<TeamMember> Members);
