namespace AutomationFleet.Bots.IncidentReports.Allocation;

/// <summary>One member as the review form shows them: load, capacity, and whether they can take an item now (or why not).</summary>
public sealed record MemberAvailability(
    string Team,
    string MemberId,
    string Name,
    int Active,
    int Capacity,
    bool Available,
    string? NotAvailableBecause);
