namespace AutomationFleet.Bots.IncidentReports.Allocation;

/// <summary>
/// Decides the team, the assignee and the deadline of an incident from the allocation config and the members' open
/// counts (which the caller reads from the store). A pure function of its inputs: the same request, counts and config
/// always give the same decision.
/// </summary>
public sealed class Allocator
{
    private readonly AllocationConfig _config;
    private readonly DeadlineCalculator _deadlines;

    public Allocator(AllocationConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        _deadlines = new DeadlineCalculator(config.OutOfHours);
    }

    /// <exception cref="ArgumentException">The severity is not in the config (the caller must pass a configured one).</exception>
    public AllocationDecision Allocate(AllocationRequest request, IReadOnlyDictionary<string, int> activeCountsByMember)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(activeCountsByMember);
        var severity = _config.FindSeverity(request.Severity)
            ?? throw new ArgumentException($"Severity '{request.Severity}' is not in the allocation config.", nameof(request));
        var policy = _config.OutOfHours;
        var reasons = new List<string>();

        var rule = _config.Rules.FirstOrDefault(r => r.Matches(request));
        var facts = $"kind {request.Kind}, area {request.Area ?? "(none)"}, person's team {request.PersonTeam ?? "(none)"}";
        reasons.Add(rule is null
            ? $"No rule matches ({facts}), so no team is chosen: a person must choose one."
            : $"Rule '{rule.Name}' is the first that matches ({facts}): team {rule.Team}.");

        if (_config.FindKind(request.Kind) is { NeverAutomatic: true } kind)
        {
            reasons.Add($"Kind {kind.Id} is never automatic: a person confirms this allocation.");
        }

        var deadline = _deadlines.Calculate(severity, request.ReceivedAt);
        reasons.Add(deadline.Explanation);

        var whyClosed = policy.WhyClosed(request.ReceivedAt);
        var outOfHours = whyClosed is not null;
        var received = policy.Describe(request.ReceivedAt);
        if (outOfHours && severity.OutOfHoursResponse)
        {
            reasons.Add($"Received out of hours ({received}, {whyClosed}); severity {severity.Id} needs an out-of-hours response, so it goes to the duty team {policy.DutyTeam}.");
            var shift = policy.DutyAt(request.ReceivedAt);
            var dutyTeam = _config.FindTeam(policy.DutyTeam)!;
            var officer = dutyTeam.Members.First(m => string.Equals(m.Id, shift.Officer, StringComparison.OrdinalIgnoreCase));
            string? assignee = officer.Id;
            if (Absent(officer, request.ReceivedAt) is { } absence)
            {
                assignee = null;
                reasons.Add($"{officer.Id} is the duty officer on the rota ({policy.Describe(shift.Start)} to {policy.Describe(shift.End)}) but is {absence}, so it waits in the duty team's queue.");
            }
            else
            {
                reasons.Add($"{officer.Id} is the duty officer on the weekly rota from {policy.Describe(shift.Start)} to {policy.Describe(shift.End)}.");
            }

            return new AllocationDecision(dutyTeam.Id, rule?.Name, assignee, deadline.At, true, reasons);
        }

        if (rule is null)
        {
            return new AllocationDecision(null, null, null, deadline.At, outOfHours, reasons);
        }

        var at = request.ReceivedAt;
        if (outOfHours)
        {
            at = policy.NextOpening(request.ReceivedAt);
            reasons.Add($"Received out of hours ({received}, {whyClosed}); severity {severity.Id} waits for the day team, so the assignee is chosen for when the office opens ({policy.Describe(at)}); the deadline still counts from when it arrived.");
        }

        var team = _config.FindTeam(rule.Team)!;
        var members = Availability(team, activeCountsByMember, at);
        var chosen = members.Where(m => m.Available).Order(LoadOrder.Instance).FirstOrDefault();
        var unavailable = members.Where(m => !m.Available).Select(m => $"{m.MemberId} {m.NotAvailableBecause}").ToList();
        var others = unavailable.Count == 0 ? "" : $" Not available: {string.Join("; ", unavailable)}.";
        if (chosen is null)
        {
            reasons.Add($"Nobody in {team.Id} can take it at {policy.Describe(at)}, so it waits in the team's queue.{others}");
            return new AllocationDecision(team.Id, rule.Name, null, deadline.At, outOfHours, reasons);
        }

        var available = members.Count(m => m.Available);
        reasons.Add($"{chosen.MemberId} has the lowest load for their capacity ({chosen.Active} of {chosen.Capacity}) of the {available} member(s) working and under capacity at {policy.Describe(at)}.{others}");
        return new AllocationDecision(team.Id, rule.Name, chosen.MemberId, deadline.At, outOfHours, reasons);
    }

    /// <summary>
    /// Every member of one team (or of every team when <paramref name="team"/> is null) with their active count,
    /// capacity, and whether they could take an item at <paramref name="at"/>, or why not. For the review form.
    /// </summary>
    public IReadOnlyList<MemberAvailability> TeamsWithCapacity(string? team, IReadOnlyDictionary<string, int> activeCountsByMember, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(activeCountsByMember);
        var teams = team is null ? _config.Teams : _config.FindTeam(team) is { } one ? [one] : [];
        return [.. teams.SelectMany(t => Availability(t, activeCountsByMember, at))];
    }

    private List<MemberAvailability> Availability(Team team, IReadOnlyDictionary<string, int> counts, DateTimeOffset at)
    {
        var policy = _config.OutOfHours;
        var local = policy.ToLocal(at).DateTime;
        var day = DateOnly.FromDateTime(local);
        var list = new List<MemberAvailability>(team.Members.Count);
        foreach (var member in team.Members)
        {
            var active = counts.GetValueOrDefault(member.Id);
            string? why = null;
            if (Absent(member, at) is { } absence)
            {
                why = absence;
            }
            else if (policy.IsClosedDay(day))
            {
                why = "not working: a bank holiday or closure day";
            }
            else if (!member.Hours.Contains(local))
            {
                why = $"not working now (works {member.Hours})";
            }
            else if (active >= member.Capacity)
            {
                why = $"at capacity ({active} of {member.Capacity})";
            }

            list.Add(new MemberAvailability(team.Id, member.Id, member.Name, active, member.Capacity, why is null, why));
        }

        return list;
    }

    private string? Absent(TeamMember member, DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(_config.OutOfHours.ToLocal(at).DateTime);
        var absence = member.Absences.FirstOrDefault(a => a.Covers(day));
        return absence is null ? null : $"absent until {absence.To:yyyy-MM-dd}";
    }

    // Lowest active/capacity first (compared by cross-multiplying, so no rounding), then fewer active, then id.
    private sealed class LoadOrder : IComparer<MemberAvailability>
    {
        public static readonly LoadOrder Instance = new();

        public int Compare(MemberAvailability? x, MemberAvailability? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            var load = ((long)x.Active * y.Capacity).CompareTo((long)y.Active * x.Capacity);
            if (load != 0)
            {
                return load;
            }

            var active = x.Active.CompareTo(y.Active);
            return active != 0 ? active : string.CompareOrdinal(x.MemberId, y.MemberId);
        }
    }
}
