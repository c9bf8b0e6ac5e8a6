using AutomationFleet.Bots.IncidentReports.Allocation;
using static AutomationFleet.Bots.IncidentReports.Tests.Allocation.TestConfigs;

namespace AutomationFleet.Bots.IncidentReports.Tests.Allocation;

public sealed class DeadlineCalculatorTests
{
    private static DeadlineCalculator CreateSut(AllocationConfig? config = null) => new((config ?? Shipped).OutOfHours);

    private static IncidentSeverity Severity(string id) => Shipped.FindSeverity(id)!;

    [Fact]
    public void Calculate_ClockHoursOverEasterWeekend_IgnoresHolidays()
    {
        // Thursday 2 April 2026 10:00 BST + 24 hours = Good Friday 10:00 BST.
        var deadline = CreateSut().Calculate(Severity("urgent"), Utc(2026, 4, 2, 9));

        Assert.Equal(Utc(2026, 4, 3, 9), deadline.At);
        Assert.Equal(Utc(2026, 4, 3, 5), deadline.EscalateAt);
        Assert.Contains("24 clock hours", deadline.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Calculate_WorkingDaysOverEasterWeekend_SkipsGoodFridayAndEasterMonday()
    {
        // Thursday 2 April 2026: working days Tue 7, Wed 8, Thu 9, Fri 10, Mon 13; end of office 17:00 BST.
        var deadline = CreateSut().Calculate(Severity("routine"), Utc(2026, 4, 2, 9));

        Assert.Equal(Utc(2026, 4, 13, 16), deadline.At);
        Assert.Equal(Utc(2026, 4, 12, 16), deadline.EscalateAt);
        Assert.Contains("Fri 3 Apr (bank holiday)", deadline.Explanation, StringComparison.Ordinal);
        Assert.Contains("Mon 6 Apr (bank holiday)", deadline.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Calculate_WorkingDaysOverChristmas2026_SkipsSubstituteBoxingDay()
    {
        // Thursday 24 December 2026; Christmas Friday 25, Boxing Day substitute Monday 28, New Year Friday 1 January:
        // Tue 29, Wed 30, Thu 31, Mon 4, Tue 5.
        var deadline = CreateSut().Calculate(Severity("routine"), Utc(2026, 12, 24, 10));

        Assert.Equal(Utc(2027, 1, 5, 17), deadline.At);
        Assert.Contains("Mon 28 Dec (bank holiday)", deadline.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Calculate_WorkingDaysWithClosureDays_SkipsThemToo()
    {
        // As above, with 29–31 December closed and 1 January a bank holiday: Mon 4 Jan is day 1, Fri 8 Jan day 5.
        var deadline = CreateSut(Balancing).Calculate(Balancing.FindSeverity("routine")!, Utc(2026, 12, 24, 10));

        Assert.Equal(Utc(2027, 1, 8, 17), deadline.At);
        Assert.Contains("Tue 29 Dec (closure day)", deadline.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Calculate_WorkingDaysAcrossClockChange_EndOfOfficeInNewOffset()
    {
        // Friday 27 March 2026 10:00 GMT + 1 working day = Monday 30 March 17:00 BST = 16:00 UTC.
        var severity = new IncidentSeverity("next-day", "Next day", null, 1, false, TimeSpan.FromHours(2));

        var deadline = CreateSut().Calculate(severity, Utc(2026, 3, 27, 10));

        Assert.Equal(Utc(2026, 3, 30, 16), deadline.At);
    }

    [Fact]
    public void Calculate_ReceivedAtWeekend_CountsFromTheNextWorkingDay()
    {
        // Saturday 20 June 2026: Mon 22 is day 1 … Fri 26 day 5.
        var deadline = CreateSut().Calculate(Severity("routine"), Utc(2026, 6, 20, 12));

        Assert.Equal(Utc(2026, 6, 26, 16), deadline.At);
    }
}
