namespace AutomationFleet.Worker.Scheduling;

/// <summary>The enabled schedules and the queues a bot consumes in this host; checked together at start-up.</summary>
public sealed class ScheduleTopologyOptions
{
    /// <summary>Each enabled schedule: its configuration path, name and queue.</summary>
    public List<(string Path, string Name, string Queue)> Schedules { get; } = [];

    /// <summary>The queues the host's bots consume.</summary>
    public HashSet<string> ConsumedQueues { get; } = new(StringComparer.Ordinal);
}
