namespace AutomationFleet.Portal.Admin;

/// <summary>
/// What the Schedules page does to the fleet's schedules. The portal cannot reference the worker (which owns Quartz),
/// so the hosting process hands in an implementation over its <c>ScheduleAdmin</c>; without one the page says
/// scheduling is not available in this process.
/// </summary>
public interface IScheduleControl
{
    /// <summary>Every schedule, by name.</summary>
    Task<IReadOnlyList<ScheduleRow>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Pauses a schedule; false if it was already paused.</summary>
    Task<bool> PauseAsync(string name, string requestedBy, CancellationToken cancellationToken);

    /// <summary>Resumes a schedule; false if it was not paused.</summary>
    Task<bool> ResumeAsync(string name, CancellationToken cancellationToken);

    /// <summary>Fires a schedule now.</summary>
    Task TriggerAsync(string name, CancellationToken cancellationToken);
}

/// <summary>One schedule as the Schedules page shows it.</summary>
public sealed record ScheduleRow(
    string Name, string Cron, string Queue, string State, DateTimeOffset? NextFireTimeUtc, DateTimeOffset? PreviousFireTimeUtc, bool WorkingDaysOnly);
