using AutomationFleet.Bots.IncidentReports.Allocation;
using static AutomationFleet.Bots.IncidentReports.Tests.Allocation.TestConfigs;

namespace AutomationFleet.Bots.IncidentReports.Tests.Allocation;

public sealed class AllocatorTests
{
    // Tuesday 16 June 2026, 10:00 BST: office hours.
    private static readonly DateTimeOffset TuesdayMorning = Utc(2026, 6, 16, 9);

    private static readonly Dictionary<string, int> NoLoad = [];

    private static Allocator CreateSut(AllocationConfig? config = null) => new(config ?? Shipped);

    [Fact]
    public void Allocate_TwoRulesMatch_FirstWins()
    {
        var decision = CreateSut(Balancing).Allocate(new("pothole", "routine", "north", null, TuesdayMorning), NoLoad);

        Assert.Equal("roads", decision.Team);
        Assert.Equal("first", decision.Rule);
        Assert.Contains(decision.Reasons, r => r.Contains("Rule 'first'", StringComparison.Ordinal));
    }

    [Fact]
    public void Allocate_RuleWithoutAreaList_MatchesAnyArea()
    {
        var decision = CreateSut(Balancing).Allocate(new("pothole", "routine", null, null, TuesdayMorning), NoLoad);

        Assert.Equal("second", decision.Rule);
        Assert.Equal("duty", decision.Team);
    }

    [Fact]
    public void Allocate_ShippedRulesByAreaAndPersonTeam_ChooseTheTeam()
    {
        var sut = CreateSut();

        Assert.Equal("highways-south", sut.Allocate(new("pothole", "routine", "kingsford", null, TuesdayMorning), NoLoad).Team);
        Assert.Equal("highways-north", sut.Allocate(new("fallen-tree", "urgent", "rural-north", null, TuesdayMorning), NoLoad).Team);
        Assert.Equal("environment", sut.Allocate(new("fly-tipping", "routine", "ashby", null, TuesdayMorning), NoLoad).Team);
        Assert.Equal("asc-south", sut.Allocate(new("fall", "urgent", null, "asc-south", TuesdayMorning), NoLoad).Team);
        Assert.Equal("safeguarding-hub", sut.Allocate(new("safeguarding-concern", "urgent", null, "asc-north", TuesdayMorning), NoLoad).Team);
    }

    [Fact]
    public void Allocate_NoRuleMatches_TeamNullWithReason()
    {
        var decision = CreateSut().Allocate(new("pothole", "routine", null, null, TuesdayMorning), NoLoad);

        Assert.Null(decision.Team);
        Assert.Null(decision.Rule);
        Assert.Null(decision.Assignee);
        Assert.Contains(decision.Reasons, r => r.StartsWith("No rule matches", StringComparison.Ordinal));
    }

    [Fact]
    public void Allocate_TenThousandUnderLoad_BalancedByCapacityAndNeverToAbsentOrOffDuty()
    {
        var sut = CreateSut(Balancing);
        var counts = new Dictionary<string, int>();

        for (var i = 0; i < 10_000; i++)
        {
            var decision = sut.Allocate(new("pothole", "routine", "north", null, TuesdayMorning.AddMinutes(i % 300)), counts);
            Assert.NotNull(decision.Assignee);
            counts[decision.Assignee] = counts.GetValueOrDefault(decision.Assignee) + 1;
        }

        var same = new[] { counts["a"], counts["b"], counts["c"] };
        Assert.True(same.Max() - same.Min() < 2, $"a={same[0]} b={same[1]} c={same[2]}");
        Assert.InRange(counts["d"] * 2, same.Min() - 2, same.Max() + 2);
        Assert.False(counts.ContainsKey("e"));
        Assert.False(counts.ContainsKey("f"));
        Assert.Equal(10_000, counts.Values.Sum());
    }

    [Fact]
    public void Allocate_EveryoneAtCapacity_TeamQueueWithReason()
    {
        var counts = new Dictionary<string, int> { ["a"] = 5000, ["b"] = 5000, ["c"] = 5000, ["d"] = 2500 };

        var decision = CreateSut(Balancing).Allocate(new("pothole", "routine", "north", null, TuesdayMorning), counts);

        Assert.Equal("roads", decision.Team);
        Assert.Null(decision.Assignee);
        Assert.Contains(decision.Reasons, r => r.Contains("waits in the team's queue", StringComparison.Ordinal)
            && r.Contains("at capacity (5000 of 5000)", StringComparison.Ordinal)
            && r.Contains("e absent until 2026-06-19", StringComparison.Ordinal));
    }

    [Fact]
    public void TeamsWithCapacity_OneTeam_ListsEachMemberAndWhyNot()
    {
        var members = CreateSut(Balancing).TeamsWithCapacity("roads", new Dictionary<string, int> { ["a"] = 5000, ["b"] = 7 }, TuesdayMorning);

        Assert.Equal(6, members.Count);
        Assert.Equal(new MemberAvailability("roads", "b", "B", 7, 5000, true, null), members[1]);
        Assert.False(members[0].Available);
        Assert.Contains("capacity", members[0].NotAvailableBecause, StringComparison.Ordinal);
        Assert.Contains("absent", members[4].NotAvailableBecause, StringComparison.Ordinal);
        Assert.Contains("not working now", members[5].NotAvailableBecause, StringComparison.Ordinal);
    }

    [Fact]
    public void TeamsWithCapacity_NoTeam_ListsEveryTeam()
    {
        var members = CreateSut().TeamsWithCapacity(null, NoLoad, TuesdayMorning);

        Assert.Equal(Shipped.Teams.Sum(t => t.Members.Count), members.Count);
    }

    [Fact]
    public void Allocate_InOfficeHours_DayTeamNotDuty()
    {
        var decision = CreateSut().Allocate(new("fallen-tree", "urgent", "ashby", null, TuesdayMorning), NoLoad);

        Assert.False(decision.OutOfHours);
        Assert.Equal("highways-north", decision.Team);
        Assert.Equal("hn-01", decision.Assignee);
    }

    [Fact]
    public void Allocate_UrgentOnWeekdayNight_DutyTeamAndRotaOfficer()
    {
        // Tuesday 16 June 2026 23:30 BST.
        var decision = CreateSut().Allocate(new("fallen-tree", "urgent", "ashby", null, Utc(2026, 6, 16, 22, 30)), NoLoad);

        Assert.True(decision.OutOfHours);
        Assert.Equal("emergency-duty", decision.Team);
        Assert.Equal("Highways in the north", decision.Rule);
        Assert.NotNull(decision.Assignee);
        Assert.Contains(decision.Reasons, r => r.Contains("after the office closes", StringComparison.Ordinal));
        Assert.Contains(decision.Reasons, r => r.Contains("duty officer on the weekly rota", StringComparison.Ordinal));
    }

    [Fact]
    public void Allocate_RoutineAtWeekend_WaitsForDayTeamAssignedForOpening()
    {
        // Saturday 20 June 2026 13:00 BST; the office opens Monday 22 June 08:30 BST.
        var decision = CreateSut().Allocate(new("pothole", "routine", "kingsford", null, Utc(2026, 6, 20, 12)), NoLoad);

        Assert.True(decision.OutOfHours);
        Assert.Equal("highways-south", decision.Team);
        Assert.Equal("hs-01", decision.Assignee);
        Assert.Contains(decision.Reasons, r => r.Contains("a weekend", StringComparison.Ordinal) && r.Contains("Mon 22 Jun 2026 08:30 (+01:00)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(2026, 12, 25, 11)] // Christmas Day, a Friday
    [InlineData(2026, 12, 28, 11)] // Boxing Day falls on Saturday: substitute Monday 28 December
    [InlineData(2026, 4, 3, 10)] // Good Friday
    [InlineData(2026, 4, 6, 10)] // Easter Monday
    public void Allocate_UrgentOnBankHoliday_OutOfHoursToDuty(int year, int month, int day, int hourUtc)
    {
        var decision = CreateSut().Allocate(new("flooding", "urgent", "marston-vale", null, Utc(year, month, day, hourUtc)), NoLoad);

        Assert.True(decision.OutOfHours);
        Assert.Equal("emergency-duty", decision.Team);
        Assert.Contains(decision.Reasons, r => r.Contains("a bank holiday", StringComparison.Ordinal));
    }

    [Fact]
    public void Allocate_OrdinaryWeekdayBetweenHolidays_InHours()
    {
        // Tuesday 29 December 2026 11:00 GMT: not a bank holiday (the shipped file lists no closure days).
        Assert.False(CreateSut().Allocate(new("flooding", "urgent", "marston-vale", null, Utc(2026, 12, 29, 11)), NoLoad).OutOfHours);
    }

    [Fact]
    public void Allocate_ConfiguredClosureDay_OutOfHours()
    {
        var decision = CreateSut(Balancing).Allocate(new("pothole", "routine", "north", null, Utc(2026, 12, 29, 11)), NoLoad);

        Assert.True(decision.OutOfHours);
        Assert.Contains(decision.Reasons, r => r.Contains("a day the council is closed", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(2026, 3, 27, 7, 45, true)] // Friday before the change: 07:45 GMT, before opening
    [InlineData(2026, 3, 30, 7, 45, false)] // Monday after: 07:45 UTC is 08:45 BST, open
    [InlineData(2026, 3, 30, 16, 15, true)] // 16:15 UTC is 17:15 BST, closed
    [InlineData(2026, 10, 23, 7, 45, false)] // Friday before the change back: 08:45 BST, open
    [InlineData(2026, 10, 26, 8, 15, true)] // Monday after: 08:15 GMT, not yet open
    [InlineData(2026, 10, 26, 16, 45, false)] // 16:45 GMT, still open
    public void Allocate_AroundClockChanges_OfficeHoursInLocalTime(int year, int month, int day, int hour, int minute, bool outOfHours)
    {
        var decision = CreateSut().Allocate(new("flooding", "urgent", "ashby", null, Utc(year, month, day, hour, minute)), NoLoad);

        Assert.Equal(outOfHours, decision.OutOfHours);
    }

    [Fact]
    public void Allocate_NightClocksGoForward_LocalTimesAndClockHourDeadline()
    {
        var sut = CreateSut();
        var policy = Shipped.OutOfHours;

        // Sunday 29 March 2026: 00:30 UTC is 00:30 GMT; 01:30 UTC is 02:30 BST (01:00–02:00 local never happens).
        Assert.Equal(0, policy.ToLocal(Utc(2026, 3, 29, 0, 30)).Hour);
        Assert.Equal(2, policy.ToLocal(Utc(2026, 3, 29, 1, 30)).Hour);
        var decision = sut.Allocate(new("flooding", "emergency", "ashby", null, Utc(2026, 3, 29, 0, 30)), NoLoad);

        Assert.True(decision.OutOfHours);
        Assert.Equal("emergency-duty", decision.Team);
        Assert.Equal(Utc(2026, 3, 29, 2, 30), decision.Deadline);
        Assert.Contains(decision.Reasons, r => r.Contains("Sun 29 Mar 2026 03:30 (+01:00)", StringComparison.Ordinal));
    }

    [Fact]
    public void Allocate_RepeatedHourClocksGoBack_BothInstantsSameOfficer()
    {
        // Sunday 25 October 2026: 00:30 UTC and 01:30 UTC are both 01:30 local.
        var first = CreateSut().Allocate(new("fall", "urgent", null, "asc-north", Utc(2026, 10, 25, 0, 30)), NoLoad);
        var second = CreateSut().Allocate(new("fall", "urgent", null, "asc-north", Utc(2026, 10, 25, 1, 30)), NoLoad);

        Assert.Equal(1, Shipped.OutOfHours.ToLocal(Utc(2026, 10, 25, 0, 30)).Hour);
        Assert.Equal(1, Shipped.OutOfHours.ToLocal(Utc(2026, 10, 25, 1, 30)).Hour);
        Assert.True(first.OutOfHours && second.OutOfHours);
        Assert.Equal("emergency-duty", first.Team);
        Assert.Equal(first.Assignee, second.Assignee);
        Assert.Equal(Utc(2026, 10, 26, 0, 30), first.Deadline);
    }

    [Fact]
    public void DutyAt_HandoverMonday0900Local_NextOfficer()
    {
        var policy = Shipped.OutOfHours;

        // Rota starts Monday 5 January 2026 09:00 GMT with edt-01.
        Assert.Equal("edt-01", policy.DutyAt(Utc(2026, 1, 12, 8, 59)).Officer);
        Assert.Equal("edt-02", policy.DutyAt(Utc(2026, 1, 12, 9, 0)).Officer);
        Assert.Equal("edt-03", policy.DutyAt(Utc(2026, 1, 19, 9, 0)).Officer);
        Assert.Equal("edt-01", policy.DutyAt(Utc(2026, 1, 26, 9, 0)).Officer);
        // In summer the handover is 09:00 BST, 08:00 UTC.
        var summer = policy.DutyAt(Utc(2026, 6, 16, 22));
        Assert.Equal(8, summer.Start.UtcDateTime.Hour);
        Assert.Equal(TimeSpan.FromDays(7), summer.End - summer.Start);
    }

    [Fact]
    public void Allocate_DutyOfficerAbsent_DutyQueue()
    {
        var config = Shipped;
        var officer = config.OutOfHours.DutyAt(Utc(2026, 6, 16, 22, 30)).Officer;
        var team = config.FindTeam("emergency-duty")!;
        var teams = config.Teams.Select(t => t.Id != team.Id ? t : t with
        {
            Members = [.. t.Members.Select(m => m.Id != officer ? m : m with { Absences = [new Absence(new DateOnly(2026, 6, 15), new DateOnly(2026, 6, 21))] })],
        }).ToList();
        var withAbsence = new AllocationConfig(config.Kinds, config.Severities, teams, config.Rules, config.OutOfHours);

        var decision = CreateSut(withAbsence).Allocate(new("fallen-tree", "urgent", "ashby", null, Utc(2026, 6, 16, 22, 30)), NoLoad);

        Assert.Equal("emergency-duty", decision.Team);
        Assert.Null(decision.Assignee);
        Assert.Contains(decision.Reasons, r => r.Contains("absent until 2026-06-21", StringComparison.Ordinal));
    }

    [Fact]
    public void Allocate_NeverAutomaticKind_SaysSo()
    {
        var decision = CreateSut().Allocate(new("safeguarding-concern", "urgent", null, null, TuesdayMorning), NoLoad);

        Assert.Contains(decision.Reasons, r => r.Contains("never automatic", StringComparison.Ordinal));
    }

    [Fact]
    public void Allocate_UnknownSeverity_Throws()
    {
        Assert.Throws<ArgumentException>(() => CreateSut().Allocate(new("pothole", "whenever", "ashby", null, TuesdayMorning), NoLoad));
    }
}
