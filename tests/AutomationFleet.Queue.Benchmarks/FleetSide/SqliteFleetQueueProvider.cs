using AutomationFleet.Storage.Sqlite;

namespace AutomationFleet.Queue.Benchmarks.FleetSide;

/// <summary>
/// The embedded store as the worker runs it: <see cref="SqliteFleetStore"/> on a new file in a temp folder (WAL, one
/// writer with group commit), with the store's own default <c>synchronous</c> (NORMAL) unless the run asks for FULL.
/// </summary>
public sealed class SqliteFleetQueueProvider(SynchronousSetting synchronous) : IFleetQueueProvider
{
    public async Task<FleetQueueInstance> CreateAsync(CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("fleet-peer-bench-").FullName;
        var options = new SqliteStoreOptions { Path = Path.Combine(folder, "fleet.db") };
        if (synchronous == SynchronousSetting.Full)
        {
            options.Synchronous = SqliteSynchronousMode.Full;
        }
        else if (synchronous == SynchronousSetting.Normal)
        {
            options.Synchronous = SqliteSynchronousMode.Normal;
        }

        var store = new SqliteFleetStore(options, TimeProvider.System);
        try
        {
            await store.InitializeAsync(cancellationToken);
        }
        catch
        {
            await store.DisposeAsync();
            Directory.Delete(folder, recursive: true);
            throw;
        }

        var description = $"SQLite file, WAL, synchronous={options.Synchronous.ToString().ToLowerInvariant()}";
        return new FleetQueueInstance(store, description, async () =>
        {
            await store.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        });
    }
}
