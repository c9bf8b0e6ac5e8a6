namespace AutomationFleet.Bots.IncidentReports.Allocation;

/// <summary>A member of a team: at most <see cref="Capacity"/> active items, working <see cref="Hours"/> (local time).</summary>
public sealed record TeamMember(string Id, string Name, int Capacity, WeeklyHours Hours, IReadOnlyList<Absence> Absences);
