namespace AutomationFleet.Core.Workers;

/// <summary>Worker heartbeats, so an operator sees live and dead workers.</summary>
public interface IWorkerRegistry
{
    /// <summary>Records a heartbeat (store clock).</summary>
    Task HeartbeatAsync(WorkerHeartbeat heartbeat, CancellationToken cancellationToken);

    /// <summary>Records a clean shutdown.</summary>
    Task MarkStoppedAsync(string workerId, CancellationToken cancellationToken);

    /// <summary>Workers seen, most recent first; alive means heard from within <paramref name="staleAfter"/>.</summary>
    Task<IReadOnlyList<WorkerStatus>> ListAsync(TimeSpan staleAfter, CancellationToken cancellationToken);
}
