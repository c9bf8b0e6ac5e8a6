using System.Globalization;
using AutomationFleet.Core.Calendar;

namespace AutomationFleet.Bots.IncidentReports.Allocation;

/// <summary>
/// When the office is open, in <see cref="TimeZone"/>: <see cref="OfficeHours"/> on days that are not England and
/// Wales bank holidays or one of <see cref="ClosedDays"/>. Outside those hours urgent work goes to
/// <see cref="DutyTeam"/> and the officer on <see cref="Rota"/>. All local times go through the time zone's rules,
/// so the hours the clocks change are handled (a local time skipped in spring is read as the moment after the gap;
/// one repeated in autumn as its first occurrence).
/// </summary>
public sealed record OutOfHoursPolicy(
    TimeZoneInfo TimeZone,
    WeeklyHours OfficeHours,
    IReadOnlySet<DateOnly> ClosedDays,
    string DutyTeam,
    DutyRota Rota)
{
    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone);

    /// <summary>The instant a local date and time stand for.</summary>
    public DateTimeOffset FromLocal(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (TimeZone.IsInvalidTime(local))
        {
            // Skipped by the clocks going forward: the first local time that exists afterwards.
            var adjustment = TimeZone.GetAdjustmentRules().FirstOrDefault(r => r.DateStart <= local && r.DateEnd >= local);
            local = local.Add(adjustment?.DaylightDelta ?? TimeSpan.FromHours(1));
        }

        var offset = TimeZone.IsAmbiguousTime(local) ? TimeZone.GetAmbiguousTimeOffsets(local).Max() : TimeZone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>Whether the day is a bank holiday or a configured closure day.</summary>
    public bool IsClosedDay(DateOnly day) => EnglandAndWalesBankHolidays.IsBankHoliday(day, ClosedDays);

    /// <summary>Monday to Friday, not a bank holiday or closure day.</summary>
    public bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsClosedDay(day);

    public bool IsOfficeHours(DateTimeOffset instant) => WhyClosed(instant) is null;

    /// <summary>Null in office hours; otherwise why not, in words.</summary>
    public string? WhyClosed(DateTimeOffset instant)
    {
        var local = ToLocal(instant).DateTime;
        var day = DateOnly.FromDateTime(local);
        if (EnglandAndWalesBankHolidays.IsBankHoliday(day))
        {
            return "a bank holiday";
        }

        if (ClosedDays.Contains(day))
        {
            return "a day the council is closed";
        }

        if (!OfficeHours.Days.Contains(local.DayOfWeek))
        {
            return local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? "a weekend" : $"a {local.DayOfWeek}, not an office day";
        }

        var time = TimeOnly.FromDateTime(local);
        if (time < OfficeHours.Start)
        {
            return $"before the office opens at {OfficeHours.Start:HH\\:mm}";
        }

        return time >= OfficeHours.End ? $"after the office closes at {OfficeHours.End:HH\\:mm}" : null;
    }

    /// <summary>The next moment the office opens at or after <paramref name="instant"/> (the instant itself in office hours).</summary>
    public DateTimeOffset NextOpening(DateTimeOffset instant)
    {
        if (IsOfficeHours(instant))
        {
            return instant;
        }

        var local = ToLocal(instant).DateTime;
        var day = DateOnly.FromDateTime(local);
        if (TimeOnly.FromDateTime(local) >= OfficeHours.Start)
        {
            day = day.AddDays(1);
        }

        for (var i = 0; i < 366; i++, day = day.AddDays(1))
        {
            if (OfficeHours.Days.Contains(day.DayOfWeek) && !IsClosedDay(day))
            {
                return FromLocal(day, OfficeHours.Start);
            }
        }

        throw new InvalidOperationException("The office has no opening day within a year; the office hours name no days.");
    }

    /// <summary>Who is on duty at an instant, and from when to when.</summary>
    public DutyShift DutyAt(DateTimeOffset instant)
    {
        var local = ToLocal(instant).DateTime;
        var day = DateOnly.FromDateTime(local);
        if (TimeOnly.FromDateTime(local) < Rota.Handover)
        {
            day = day.AddDays(-1);
        }

        var week = (int)Math.Floor((day.DayNumber - Rota.Start.DayNumber) / 7.0);
        var index = ((week % Rota.Officers.Count) + Rota.Officers.Count) % Rota.Officers.Count;
        var start = Rota.Start.AddDays(week * 7);
        return new DutyShift(Rota.Officers[index], FromLocal(start, Rota.Handover), FromLocal(start.AddDays(7), Rota.Handover));
    }

    /// <summary>A local time in words, e.g. "Mon 30 Mar 2026 17:00 (+01:00)".</summary>
    public string Describe(DateTimeOffset instant) =>
        ToLocal(instant).ToString("ddd d MMM yyyy HH:mm '('zzz')'", CultureInfo.InvariantCulture);
}
