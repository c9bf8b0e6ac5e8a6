namespace AutomationFleet.Worker.Scheduling;

/// <summary>A schedule's state as an administrator sees it.</summary>
public enum ScheduleState
{
    /// <summary>Fires on its cron expression.</summary>
    Normal,

    /// <summary>Paused by an administrator; survives restarts until resumed.</summary>
    Paused,

    /// <summary>Its job is running now.</summary>
    Executing,

    /// <summary>Quartz stopped firing it after repeated failures; resume it to try again.</summary>
    Error,

    /// <summary>In configuration with <c>Enabled: false</c>; not in the store.</summary>
    Disabled,
}
