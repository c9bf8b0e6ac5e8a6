namespace AutomationFleet.Bots.IncidentReports.Allocation;

/// <summary>
/// A weekly rotation: <see cref="Officers"/>[0] is on duty for seven days from <see cref="Start"/> at
/// <see cref="Handover"/> (local time), then the next, and round again. A weekly rotation, rather than a list of
/// explicit shifts, never runs out and is what duty teams publish; swaps are made by editing the order.
/// </summary>
public sealed record DutyRota(DateOnly Start, TimeOnly Handover, IReadOnlyList<string> Officers);
