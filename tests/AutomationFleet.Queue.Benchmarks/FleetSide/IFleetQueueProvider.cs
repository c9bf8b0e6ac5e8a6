namespace AutomationFleet.Queue.Benchmarks.FleetSide;

/// <summary>
/// Gives the fleet's side of the benchmark a fresh, empty work queue per run. One implementation per store
/// (<c>--store</c>): <see cref="SqliteFleetQueueProvider"/> now; the PostgreSQL store adds its own (a fresh schema or
/// database per run) and nothing else changes, since <see cref="FleetWorkload"/> only sees <c>IWorkQueue</c>.
/// </summary>
public interface IFleetQueueProvider
{
    Task<FleetQueueInstance> CreateAsync(CancellationToken cancellationToken);
}
