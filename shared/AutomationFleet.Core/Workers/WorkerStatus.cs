namespace AutomationFleet.Core.Workers;

/// <summary>A worker as the store last heard of it.</summary>
/// <param name="WorkerId">Unique per process.</param>
/// <param name="Host">Machine name.</param>
/// <param name="ProcessId">Operating-system process id.</param>
/// <param name="Queues">Queues it consumes.</param>
/// <param name="InFlight">Items it held at its last heartbeat.</param>
/// <param name="StartedAt">First heartbeat.</param>
/// <param name="LastSeenAt">Latest heartbeat.</param>
/// <param name="StoppedAt">Set when it shut down cleanly.</param>
/// <param name="IsAlive">Not stopped, and heard from within the stale-after window.</param>
public sealed record WorkerStatus(
    string WorkerId,
    string Host,
    int ProcessId,
    IReadOnlyList<string> Queues,
    int InFlight,
    DateTimeOffset StartedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset? StoppedAt,
    bool IsAlive)
{
    /// <summary>
    /// The liveness rule every store applies: a worker is alive when it has not stopped and its last heartbeat is no
    /// older than <paramref name="staleAfter"/> at <paramref name="now"/>.
    /// </summary>
    public static bool IsAliveAt(DateTimeOffset? stoppedAt, DateTimeOffset lastSeenAt, DateTimeOffset now, TimeSpan staleAfter) =>
        stoppedAt is null && now - lastSeenAt <= staleAfter;
}
