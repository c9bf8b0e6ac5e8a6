using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AutomationFleet.Core.Calendar;

/// <summary>
/// The fleet's one working-day calendar: weekends, England and Wales bank holidays and the configured extra bank
/// holidays (<c>Scheduling:ExtraBankHolidays</c>) are not working days; days are read in <c>Scheduling:TimeZone</c>
/// (Europe/London by default). The scheduler's <c>WorkingDaysOnly</c>, the public status page's expected dates and the
/// updates' timescale sweep all count on it, so a day the council closes is skipped everywhere at once.
/// </summary>
public sealed class WorkingDayCalendar
{
    /// <summary>The section the calendar's settings are in (the scheduler's).</summary>
    public const string SectionName = "Scheduling";

    private const string DateFormat = "yyyy-MM-dd";
    private readonly HashSet<DateOnly> _extraBankHolidays;

    /// <summary>A calendar in <paramref name="timeZone"/> with <paramref name="extraBankHolidays"/> closed as well.</summary>
    public WorkingDayCalendar(TimeZoneInfo timeZone, IEnumerable<DateOnly>? extraBankHolidays = null)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        TimeZone = timeZone;
        _extraBankHolidays = [.. extraBankHolidays ?? []];
    }

    /// <summary>England and Wales in Europe/London, with no extra bank holiday.</summary>
    public static WorkingDayCalendar EnglandAndWales { get; } = new(TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));

    /// <summary>The zone days are read in.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>The configured extra bank holidays.</summary>
    public IReadOnlySet<DateOnly> ExtraBankHolidays => _extraBankHolidays;

    /// <summary>
    /// The calendar <paramref name="configuration"/> describes: <c>Scheduling:TimeZone</c> and <c>Scheduling:ExtraBankHolidays</c>
    /// (dates as <c>yyyy-MM-dd</c>). A value that cannot be read throws, naming the setting.
    /// </summary>
    public static WorkingDayCalendar From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        var zone = section["TimeZone"] is { Length: > 0 } id ? TimeZoneInfo.FindSystemTimeZoneById(id) : EnglandAndWales.TimeZone;
        var extra = new List<DateOnly>();
        foreach (var day in section.GetSection("ExtraBankHolidays").GetChildren())
        {
            if (!DateOnly.TryParseExact(day.Value?.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new FormatException($"{SectionName}:ExtraBankHolidays:{day.Key} is '{day.Value}'; write a date as {DateFormat}.");
            }

            extra.Add(date);
        }

        return new WorkingDayCalendar(zone, extra);
    }

    /// <summary>Whether <paramref name="day"/> is a working day.</summary>
    public bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !EnglandAndWalesBankHolidays.IsBankHoliday(day, _extraBankHolidays);

    /// <summary>The calendar day of an instant in <see cref="TimeZone"/>.</summary>
    public DateOnly LocalDay(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, TimeZone).DateTime);

    /// <summary>The <paramref name="workingDays"/>th working day after <paramref name="start"/> (the day itself not counted).</summary>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        var day = start;
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }

        return day;
    }
}
