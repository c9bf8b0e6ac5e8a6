using System.Globalization;
using AutomationFleet.Core.Calendar;
using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.Configuration;

namespace AutomationFleet.Core.Tests.Calendar;

public sealed class WorkingDayCalendarTests
{
    private static WorkingDayCalendar CreateSut(params string[] extraBankHolidays) =>
        WorkingDayCalendar.From(new ConfigurationBuilder()
            .AddInMemoryCollection(extraBankHolidays.Select((d, i) => KeyValuePair.Create($"Scheduling:ExtraBankHolidays:{i}", (string?)d)))
            .Build());

    [Theory]
    [InlineData("2026-12-24", 1, "2026-12-29")]
    [InlineData("2026-04-02", 1, "2026-04-07")]
    [InlineData("2026-12-07", 5, "2026-12-14")]
    public void AddWorkingDays_AcrossWeekendsAndBankHolidays_SkipsThem(string from, int days, string expected) =>
        Assert.Equal(Day(expected), CreateSut().AddWorkingDays(Day(from), days));

    [Fact]
    public void AddWorkingDays_ExtraBankHolidayConfigured_SkipsItToo() =>
        Assert.Equal(Day("2026-12-15"), CreateSut("2026-12-10").AddWorkingDays(Day("2026-12-07"), 5));

    [Fact]
    public void From_UnreadableExtraBankHoliday_ThrowsNamingTheSetting()
    {
        var exception = Assert.Throws<FormatException>(() => CreateSut("2026-12-10", "10/12/2026"));

        Assert.StartsWith("Scheduling:ExtraBankHolidays:1 ", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LocalDay_LateEveningUtcInSummer_IsTheNextUkDay() =>
        Assert.Equal(Day("2026-07-02"), CreateSut().LocalDay(new DateTimeOffset(2026, 7, 1, 23, 30, 0, TimeSpan.Zero)));

    [Fact]
    public void ExpectedBy_UndatedItem_ServiceWorkingDaysAfterReceivedOnTheCalendar()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Scheduling:ExtraBankHolidays:0"] = "2026-12-08",
                ["PublicSite:DefaultWorkingDays"] = "10",
                ["PublicSite:Services:forms:WorkingDays"] = "3",
            })
            .Build();
        var sut = CaseTimescales.From(configuration, WorkingDayCalendar.From(configuration));
        var monday = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

        Assert.Equal(Day("2026-12-11"), sut.ExpectedBy(Item("forms", monday, due: null)));
        Assert.Equal(Day("2026-12-22"), sut.ExpectedBy(Item("other", monday, due: null)));
        Assert.Equal(Day("2026-12-09"), sut.ExpectedBy(Item("forms", monday, due: new DateTimeOffset(2026, 12, 9, 17, 0, 0, TimeSpan.Zero))));
    }

    private static DateOnly Day(string text) => DateOnly.Parse(text, CultureInfo.InvariantCulture);

    private static WorkItem Item(string queue, DateTimeOffset created, DateTimeOffset? due) => new(
        1, queue, "r", "{}", [], 0, due, WorkItemState.New, 0, null, null, null, null, null, null, null, created, created);
}
