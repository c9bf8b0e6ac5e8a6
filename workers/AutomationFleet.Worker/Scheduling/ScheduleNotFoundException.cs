namespace AutomationFleet.Worker.Scheduling;

/// <summary>No schedule of that name is in the store (it is not configured, or is disabled, or the host has not applied config yet).</summary>
public sealed class ScheduleNotFoundException : KeyNotFoundException
{
    public ScheduleNotFoundException(string name)
        : base($"No schedule named '{name}'. Run 'fleet schedules list' to see the schedules; a disabled schedule cannot be paused or triggered.")
        => Name = name;

    public ScheduleNotFoundException()
        : this("")
    {
    }

    public ScheduleNotFoundException(string message, Exception innerException)
        : base(message, innerException) => Name = "";

    public string Name { get; }
}
