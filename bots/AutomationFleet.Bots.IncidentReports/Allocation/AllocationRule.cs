namespace AutomationFleet.Bots.IncidentReports.Allocation;

/// <summary>
/// One allocation rule: when the kind, the area and the person's team are each in their list (a null list means any),
/// the incident goes to <see cref="Team"/>. Rules are tried in order; the first that matches wins.
/// </summary>
public sealed record AllocationRule(
    string Name,
    IReadOnlyList<string>? Kinds,
    IReadOnlyList<string>? Areas,
    IReadOnlyList<string>? PersonTeams,
    string Team)
{
    public bool Matches(AllocationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return In(Kinds, request.Kind) && In(Areas, request.Area) && In(PersonTeams, request.PersonTeam);
    }

    private static bool In(IReadOnlyList<string>? list, string? value) =>
        list is null || (value is not null && list.Contains(value, StringComparer.OrdinalIgnoreCase));
}
