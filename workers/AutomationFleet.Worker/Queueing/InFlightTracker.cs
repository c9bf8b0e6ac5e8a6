using System.Collections.Concurrent;

namespace AutomationFleet.Worker.Queueing;

/// <summary>How many items each queue consumer holds now; read by heartbeats.</summary>
public sealed class InFlightTracker
{
    private readonly ConcurrentDictionary<string, Func<int>> _sources = new(StringComparer.Ordinal);

    public int Total => _sources.Values.Sum(count => count());

    public int For(string queue) => _sources.TryGetValue(queue, out var count) ? count() : 0;

    internal void Register(string queue, Func<int> count) => _sources[queue] = count;
}
