using AutomationFleet.Queue.Benchmarks.Postgres;
using AutomationFleet.Storage.Postgres;

namespace AutomationFleet.Queue.Benchmarks.FleetSide;

/// <summary>
/// The fleet's PostgreSQL store as the worker runs it (<see cref="PostgresFleetStore"/> with its own connection-pool
/// settings), on a new database of the benchmark's server per run, its schema applied by the store's own upgrade.
/// </summary>
public sealed class PostgresFleetQueueProvider(PostgresBenchServer server) : IFleetQueueProvider
{
    public async Task<FleetQueueInstance> CreateAsync(CancellationToken cancellationToken)
    {
        var connectionString = await server.CreateDatabaseAsync("fleet_bench", cancellationToken);
        var store = new PostgresFleetStore(new PostgresStoreOptions { ConnectionString = connectionString }, TimeProvider.System);
        try
        {
            await store.InitializeAsync(cancellationToken);
        }
        catch
        {
            await store.DisposeAsync();
            await server.DropDatabaseAsync(connectionString);
            throw;
        }

        return new FleetQueueInstance(store, server.Description, async () =>
        {
            await store.DisposeAsync();
            await server.DropDatabaseAsync(connectionString);
        })
        {
            ConnectionString = connectionString,
        };
    }
}
