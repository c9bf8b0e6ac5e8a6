using AutomationFleet.Core.Calendar;

namespace AutomationFleet.PublicSite.Status;

/// <summary>Dates on the England and Wales working-day calendar (weekends and bank holidays skipped), in UK local time.</summary>
internal static class WorkingDays
{
    public static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>The UK calendar day of an instant.</summary>
    public static DateOnly LocalDay(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, London).DateTime);

    /// <summary>The <paramref name="days"/>th working day after <paramref name="start"/> (the day itself not counted).</summary>
    public static DateOnly Add(DateOnly start, int days)
    {
        var day = start;
        for (var counted = 0; counted < days;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }

        return day;
    }

    public static bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !EnglandAndWalesBankHolidays.IsBankHoliday(day);
}
