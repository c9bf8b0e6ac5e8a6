using Microsoft.Extensions.Configuration;

namespace AutomationFleet.Worker.Scheduling;

/// <summary>One schedule: when to put which work on which queue.</summary>
public sealed class ScheduleOptions
{
    /// <summary>Unique name (letters, digits, '-', '_', '.'); part of every reference the schedule creates.</summary>
    public string Name { get; set; } = "";

    /// <summary>Quartz cron expression with seconds, e.g. <c>0 30 2 ? * *</c>, read in <see cref="SchedulingOptions.TimeZone"/>.</summary>
    public string Cron { get; set; } = "";

    /// <summary>The queue the work item goes to.</summary>
    public string Queue { get; set; } = "";

    /// <summary>
    /// The item's payload as JSON. In config it may be written as a JSON object (values arrive as strings,
    /// as all configuration values do) or as a string holding JSON. Default <c>{}</c>.
    /// </summary>
    // The binder cannot put an object section into a string, and a list element it cannot bind is dropped
    // silently, so it is kept away from this key; AddFleetScheduling reads the raw section into it instead.
    [ConfigurationKeyName("__PayloadReadFromRawSection")]
    public string? Payload { get; set; }

    /// <summary>Priority of the enqueued item; higher is taken first. Default 0.</summary>
    public int Priority { get; set; }

    /// <summary>If set, the item's SLA deadline is the fire time plus this.</summary>
    public TimeSpan? DueWithin { get; set; }

    /// <summary>What to do about fire times missed while no scheduler ran: <c>FireOnceNow</c> (default) or <c>DoNothing</c>.</summary>
    public string Misfire { get; set; } = MisfirePolicies.FireOnceNow;

    /// <summary>Fire only on England and Wales working days (no weekends, no bank holidays).</summary>
    public bool WorkingDaysOnly { get; set; }

    /// <summary>When false the schedule is removed from the store (and so never fires). Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// A setting (e.g. <c>Updates:Enabled</c>) that must be true too for the schedule to run: for a schedule whose queue
    /// has a bot only while that setting is on, so the schedule is on exactly when its work has a consumer. Read at start
    /// into <see cref="Enabled"/>. Default none.
    /// </summary>
    public string? EnabledWith { get; set; }

    /// <summary>Whether the schedule runs under <paramref name="configuration"/>: <see cref="Enabled"/>, and <see cref="EnabledWith"/> true when set.</summary>
    internal static bool IsOn(bool enabled, string? enabledWith, IConfiguration configuration) =>
        enabled && (string.IsNullOrWhiteSpace(enabledWith) || (bool.TryParse(configuration[enabledWith], out var on) && on));
}
