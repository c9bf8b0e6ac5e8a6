namespace AutomationFleet.Bots.IncidentReports.Allocation;

/// <summary>Days a member is away, inclusive; no reason is kept.</summary>
public sealed record Absence(DateOnly From, DateOnly To)
{
    public bool Covers(DateOnly day) => day >= From && day <= To;
}
