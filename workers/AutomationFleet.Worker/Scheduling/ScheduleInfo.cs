namespace AutomationFleet.Worker.Scheduling;

/// <summary>One schedule as <see cref="ScheduleAdmin.ListAsync"/> reports it.</summary>
/// <param name="Name">The schedule's name.</param>
/// <param name="Cron">Its cron expression.</param>
/// <param name="Queue">The queue it enqueues to.</param>
/// <param name="State">Normal, paused, ...</param>
/// <param name="NextFireTimeUtc">When it fires next (null when paused-for-good or disabled).</param>
/// <param name="PreviousFireTimeUtc">When it last fired, if it has.</param>
/// <param name="WorkingDaysOnly">Whether it skips weekends and bank holidays.</param>
public sealed record ScheduleInfo(
    string Name,
    string Cron,
    string Queue,
    ScheduleState State,
    DateTimeOffset? NextFireTimeUtc,
    DateTimeOffset? PreviousFireTimeUtc,
    bool WorkingDaysOnly);
