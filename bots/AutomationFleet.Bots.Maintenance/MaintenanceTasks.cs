namespace AutomationFleet.Bots.Maintenance;

/// <summary>The <c>task</c> of a maintenance item's payload: what the one maintenance bot does with it.</summary>
public static class MaintenanceTasks
{
    /// <summary>The <c>daily-digest</c> schedule: enqueue one digest item per enabled supervisor for the day.</summary>
    public const string DailyDigest = "daily-digest";

    /// <summary>One supervisor's digest for one day (reference <c>digest:NAME:yyyy-MM-dd</c>): mail it.</summary>
    public const string SupervisorDigest = "supervisor-digest";

    /// <summary>The <c>review-sla-sweep</c> schedule: escalate open review tasks inside the SLA lead time.</summary>
    public const string ReviewSlaSweep = "review-sla-sweep";

    /// <summary>The <c>retention-purge</c> schedule: run every retention policy.</summary>
    public const string RetentionPurge = "retention-purge";

    /// <summary>Every task the bot knows.</summary>
    public static readonly IReadOnlyList<string> All = [DailyDigest, SupervisorDigest, ReviewSlaSweep, RetentionPurge];
}
