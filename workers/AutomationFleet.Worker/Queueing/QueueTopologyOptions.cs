namespace AutomationFleet.Worker.Queueing;

/// <summary>Which queues are configured and which bots are registered; checked together at start-up.</summary>
public sealed class QueueTopologyOptions
{
    public HashSet<string> ConfiguredQueues { get; } = new(StringComparer.Ordinal);

    /// <summary>Registered bots as (name, queue).</summary>
    public List<(string Bot, string Queue)> Bots { get; } = [];
}
