namespace AutomationFleet.Core.Workers;

/// <summary>What a worker process reports about itself on each heartbeat.</summary>
/// <param name="WorkerId">Unique per process: host, process id and a random suffix.</param>
/// <param name="Host">Machine name.</param>
/// <param name="ProcessId">Operating-system process id.</param>
/// <param name="Queues">Queues it consumes.</param>
/// <param name="InFlight">Items it holds now.</param>
public sealed record WorkerHeartbeat(string WorkerId, string Host, int ProcessId, IReadOnlyList<string> Queues, int InFlight);
