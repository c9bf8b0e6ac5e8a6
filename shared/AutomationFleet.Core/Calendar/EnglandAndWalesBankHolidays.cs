using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace AutomationFleet.Core.Calendar;

/// <summary>
/// England and Wales bank holidays, computed by rule (with substitute days for those falling at a
/// weekend) plus the one-off moves and extra days proclaimed since 2011.
/// </summary>
public static class EnglandAndWalesBankHolidays
{
    private static readonly ConcurrentDictionary<int, FrozenSet<DateOnly>> Cache = new();

    // Proclaimed changes to the rules: (the rule-based day that moved or null, the day it became or the extra day).
    private static readonly (DateOnly? Removed, DateOnly Added)[] OneOffs =
    [
        (null, new DateOnly(2011, 4, 29)), // royal wedding
        (new DateOnly(2012, 5, 28), new DateOnly(2012, 6, 4)), // spring moved for the Diamond Jubilee
        (null, new DateOnly(2012, 6, 5)), // Diamond Jubilee
        (new DateOnly(2020, 5, 4), new DateOnly(2020, 5, 8)), // early May moved to VE Day 75
        (new DateOnly(2022, 5, 30), new DateOnly(2022, 6, 2)), // spring moved for the Platinum Jubilee
        (null, new DateOnly(2022, 6, 3)), // Platinum Jubilee
        (null, new DateOnly(2022, 9, 19)), // state funeral of Queen Elizabeth II
        (null, new DateOnly(2023, 5, 8)), // coronation of King Charles III
    ];

    /// <summary>The bank holidays of one year, by rule and known one-offs.</summary>
    public static FrozenSet<DateOnly> For(int year) => Cache.GetOrAdd(year, Compute);

    /// <summary>Whether a day is a bank holiday (by rule, one-off, or in <paramref name="extra"/>).</summary>
    public static bool IsBankHoliday(DateOnly day, IReadOnlySet<DateOnly>? extra = null) =>
        For(day.Year).Contains(day) || (extra?.Contains(day) ?? false);

    /// <summary>Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    private static FrozenSet<DateOnly> Compute(int year)
    {
        var days = new HashSet<DateOnly>();

        var newYear = new DateOnly(year, 1, 1);
        days.Add(NextWeekday(newYear));

        var easter = EasterSunday(year);
        days.Add(easter.AddDays(-2));
        days.Add(easter.AddDays(1));

        days.Add(FirstMonday(year, 5));
        days.Add(LastMonday(year, 5));
        days.Add(LastMonday(year, 8));

        // Christmas and Boxing Day: each one at a weekend is substituted by the next weekday not already a holiday.
        foreach (var day in new[] { new DateOnly(year, 12, 25), new DateOnly(year, 12, 26) })
        {
            var observed = day;
            while (IsWeekend(observed) || days.Contains(observed))
            {
                observed = observed.AddDays(1);
            }

            days.Add(observed);
        }

        foreach (var (removed, added) in OneOffs)
        {
            if (removed is { } r && r.Year == year)
            {
                days.Remove(r);
            }

            if (added.Year == year)
            {
                days.Add(added);
            }
        }

        return days.ToFrozenSet();
    }

    private static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static DateOnly NextWeekday(DateOnly day)
    {
        while (IsWeekend(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    private static DateOnly FirstMonday(int year, int month)
    {
        var day = new DateOnly(year, month, 1);
        while (day.DayOfWeek != DayOfWeek.Monday)
        {
            day = day.AddDays(1);
        }

        return day;
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var day = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        while (day.DayOfWeek != DayOfWeek.Monday)
        {
            day = day.AddDays(-1);
        }

        return day;
    }
}
