namespace AutomationFleet.Worker.Scheduling;

/// <summary>The scheduler's settings. Bound from the <c>Scheduling</c> section (config/schedules.json).</summary>
public sealed class SchedulingOptions
{
    public const string SectionName = "Scheduling";

    /// <summary>The name the working-day calendar is stored under in Quartz.</summary>
    public const string WorkingDayCalendarName = "england-and-wales-working-days";

    /// <summary>IANA (or Windows) time zone the cron expressions and working days are read in. Default Europe/London.</summary>
    public string TimeZone { get; set; } = "Europe/London";

    /// <summary>The schedules. Applied at every start: added, replaced when changed, deleted when removed.</summary>
    public List<ScheduleOptions> Schedules { get; init; } = [];

    /// <summary>Extra non-working days as <c>yyyy-MM-dd</c> (a new one-off bank holiday announced after release).</summary>
    public List<string> ExtraBankHolidays { get; init; } = [];

    /// <summary>How long after its fire time a trigger that could not fire (host down) counts as misfired. Default 1 minute.</summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// PostgreSQL only (the scheduler is clustered there): how often each scheduler checks in. One not heard from for
    /// about twice this is taken for dead, and its triggers and recoverable jobs are taken over by the others. Default 7.5 s.
    /// </summary>
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(7.5);

    internal TimeZoneInfo ResolveTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    internal IReadOnlyList<DateOnly> ParseExtraBankHolidays() =>
        [.. ExtraBankHolidays.Select(d => DateOnly.ParseExact(d.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))];
}
