using AutomationFleet.Core.Calendar;
using AutomationFleet.Worker.Scheduling;

namespace AutomationFleet.Worker.Tests.Scheduling;

public sealed class EnglandAndWalesWorkingDayCalendarTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    [Theory]
    [InlineData("2024-01-01")]
    [InlineData("2024-03-29")]
    [InlineData("2024-04-01")]
    [InlineData("2024-05-06")]
    [InlineData("2024-05-27")]
    [InlineData("2024-08-26")]
    [InlineData("2024-12-25")]
    [InlineData("2024-12-26")]
    [InlineData("2025-01-01")]
    [InlineData("2025-04-18")]
    [InlineData("2025-04-21")]
    [InlineData("2025-05-05")]
    [InlineData("2025-05-26")]
    [InlineData("2025-08-25")]
    [InlineData("2025-12-25")]
    [InlineData("2025-12-26")]
    [InlineData("2026-01-01")]
    [InlineData("2026-04-03")]
    [InlineData("2026-04-06")]
    [InlineData("2026-05-04")]
    [InlineData("2026-05-25")]
    [InlineData("2026-08-31")]
    [InlineData("2026-12-25")]
    [InlineData("2026-12-28")] // Boxing Day is a Saturday
    [InlineData("2027-01-01")]
    [InlineData("2027-03-26")]
    [InlineData("2027-03-29")]
    [InlineData("2027-05-03")]
    [InlineData("2027-05-31")]
    [InlineData("2027-08-30")]
    [InlineData("2027-12-27")] // Christmas is a Saturday
    [InlineData("2027-12-28")] // Boxing Day is a Sunday
    [InlineData("2022-01-03")] // New Year's Day is a Saturday
    [InlineData("2020-05-08")]
    [InlineData("2022-06-02")]
    [InlineData("2022-06-03")]
    [InlineData("2022-09-19")]
    [InlineData("2023-05-08")]
    public void IsWorkingDay_BankHoliday_False(string day)
    {
        var calendar = new EnglandAndWalesWorkingDayCalendar(London);

        Assert.False(calendar.IsWorkingDay(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2020-05-04")] // early May moved to the 8th
    [InlineData("2022-05-30")] // spring moved to 2 June
    [InlineData("2025-04-17")]
    [InlineData("2025-04-22")]
    [InlineData("2025-12-24")]
    [InlineData("2025-12-29")]
    [InlineData("2026-12-29")]
    [InlineData("2027-12-29")]
    [InlineData("2025-06-02")]
    public void IsWorkingDay_OrdinaryWeekday_True(string day)
    {
        var calendar = new EnglandAndWalesWorkingDayCalendar(London);

        Assert.True(calendar.IsWorkingDay(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2025-06-07")]
    [InlineData("2025-06-08")]
    [InlineData("2026-12-26")]
    public void IsWorkingDay_Weekend_False(string day)
    {
        var calendar = new EnglandAndWalesWorkingDayCalendar(London);

        Assert.False(calendar.IsWorkingDay(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void IsWorkingDay_ExtraHolidayFromConfig_False()
    {
        var calendar = new EnglandAndWalesWorkingDayCalendar(London, [new DateOnly(2026, 6, 10)]);

        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 6, 10)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 6, 11)));
    }

    [Fact]
    public void IsTimeIncluded_EarlyMorningOfBankHolidayInSummerTime_JudgedInLocalTime()
    {
        var calendar = new EnglandAndWalesWorkingDayCalendar(London);

        // 23:30 UTC on Sunday 24 Aug 2025 is 00:30 BST on the summer bank holiday.
        Assert.False(calendar.IsTimeIncluded(new DateTimeOffset(2025, 8, 24, 23, 30, 0, TimeSpan.Zero)));
        // 23:30 UTC on Monday 25 Aug is 00:30 BST on Tuesday, a working day.
        Assert.True(calendar.IsTimeIncluded(new DateTimeOffset(2025, 8, 25, 23, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void GetNextIncludedTimeUtc_FromGoodFriday_TuesdayAfterEasterAtLocalMidnight()
    {
        var calendar = new EnglandAndWalesWorkingDayCalendar(London);

        var next = calendar.GetNextIncludedTimeUtc(new DateTimeOffset(2025, 4, 18, 9, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2025, 4, 21, 23, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void EasterSunday_KnownYears_Match()
    {
        Assert.Equal(new DateOnly(2024, 3, 31), EnglandAndWalesBankHolidays.EasterSunday(2024));
        Assert.Equal(new DateOnly(2025, 4, 20), EnglandAndWalesBankHolidays.EasterSunday(2025));
        Assert.Equal(new DateOnly(2026, 4, 5), EnglandAndWalesBankHolidays.EasterSunday(2026));
        Assert.Equal(new DateOnly(2027, 3, 28), EnglandAndWalesBankHolidays.EasterSunday(2027));
        Assert.Equal(new DateOnly(2038, 4, 25), EnglandAndWalesBankHolidays.EasterSunday(2038));
    }

    [Fact]
    public void For_AnyYear_EightDaysExceptProclaimedExtras()
    {
        Assert.Equal(8, EnglandAndWalesBankHolidays.For(2025).Count);
        Assert.Equal(10, EnglandAndWalesBankHolidays.For(2022).Count);
        Assert.Equal(9, EnglandAndWalesBankHolidays.For(2023).Count);
    }

    [Fact]
    public void Clone_WithExtras_EqualAndIndependent()
    {
        var calendar = new EnglandAndWalesWorkingDayCalendar(London, [new DateOnly(2026, 6, 10)]);

        var copy = (EnglandAndWalesWorkingDayCalendar)calendar.Clone();

        Assert.Equal(calendar, copy);
        Assert.False(copy.IsWorkingDay(new DateOnly(2026, 6, 10)));
        Assert.NotEqual(calendar, new EnglandAndWalesWorkingDayCalendar(London));
    }
}
