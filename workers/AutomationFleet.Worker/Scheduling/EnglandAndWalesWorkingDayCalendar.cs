using AutomationFleet.Core.Calendar;
using Quartz;
using Quartz.Impl.Calendar;

namespace AutomationFleet.Worker.Scheduling;

/// <summary>
/// A Quartz calendar that includes only England and Wales working days: no Saturdays, Sundays or bank
/// holidays (see <see cref="EnglandAndWalesBankHolidays"/>), nor the configured extra days. Days are
/// judged in the calendar's time zone, so 00:30 BST on a bank holiday is excluded though it is still
/// the previous day in UTC. The day rule is the fleet's one calendar (<see cref="WorkingDayCalendar"/>), which the status
/// page and the updates' timescale sweep count on too.
/// </summary>
public sealed class EnglandAndWalesWorkingDayCalendar : BaseCalendar
{
    private readonly HashSet<DateOnly> _extraHolidays;
    private readonly WorkingDayCalendar _days;

    public EnglandAndWalesWorkingDayCalendar(TimeZoneInfo timeZone, IEnumerable<DateOnly>? extraHolidays = null)
        : base(timeZone)
    {
        _extraHolidays = [.. extraHolidays ?? []];
        _days = new WorkingDayCalendar(timeZone, _extraHolidays);
        Description = "England and Wales working days";
    }

    /// <summary>The extra non-working days given in configuration.</summary>
    public IReadOnlyCollection<DateOnly> ExtraHolidays => _extraHolidays;

    /// <summary>Whether a day (in the calendar's time zone) is a working day.</summary>
    public bool IsWorkingDay(DateOnly day) => _days.IsWorkingDay(day);

    public override bool IsTimeIncluded(DateTimeOffset timeStampUtc) =>
        base.IsTimeIncluded(timeStampUtc) && IsWorkingDay(LocalDay(timeStampUtc));

    public override DateTimeOffset GetNextIncludedTimeUtc(DateTimeOffset timeUtc)
    {
        var candidate = timeUtc;
        // A year of consecutive excluded days cannot happen; the bound only guards a broken base calendar.
        for (var i = 0; i < 400; i++)
        {
            var baseTime = base.GetNextIncludedTimeUtc(candidate);
            if (baseTime > candidate)
            {
                candidate = baseTime;
            }

            var day = LocalDay(candidate);
            if (IsWorkingDay(day))
            {
                return candidate;
            }

            candidate = StartOfDayUtc(day.AddDays(1));
        }

        return DateTimeOffset.MinValue;
    }

    public override ICalendar Clone() => CloneFields(new EnglandAndWalesWorkingDayCalendar(TimeZone, _extraHolidays));

    public override bool Equals(object? obj) =>
        obj is EnglandAndWalesWorkingDayCalendar other && base.Equals(other) && _extraHolidays.SetEquals(other._extraHolidays);

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), _extraHolidays.Count);

    private DateOnly LocalDay(DateTimeOffset timeUtc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(timeUtc, TimeZone).DateTime);

    private DateTimeOffset StartOfDayUtc(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // Midnight may not exist where a zone springs forward at midnight; step to the first valid minute.
        while (TimeZone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local)).ToUniversalTime();
    }
}
