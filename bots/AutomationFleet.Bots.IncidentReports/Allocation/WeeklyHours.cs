namespace AutomationFleet.Bots.IncidentReports.Allocation;

/// <summary>Hours on the given days of the week, in local time: from <see cref="Start"/> up to (not including) <see cref="End"/>.</summary>
public sealed record WeeklyHours(IReadOnlySet<DayOfWeek> Days, TimeOnly Start, TimeOnly End)
{
    public bool Contains(DateTime local) =>
        Days.Contains(local.DayOfWeek) && TimeOnly.FromDateTime(local) >= Start && TimeOnly.FromDateTime(local) < End;

    public override string ToString() =>
        $"{string.Join(", ", Days.Order().Select(d => d.ToString()[..3]))} {Start:HH\\:mm}–{End:HH\\:mm}";
}
