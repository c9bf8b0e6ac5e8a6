using AutomationFleet.Queue.Benchmarks.Postgres;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace AutomationFleet.Queue.Benchmarks.HangfireSide;

/// <summary>
/// Hangfire.PostgreSql on a new database of the same server as the fleet's, per run, its schema installed by its own
/// <c>PrepareSchemaIfNecessary</c>. Its defaults except <c>QueuePollInterval</c> (default 15 s; the run sets it, 1 ms
/// by default): a worker waits that long only after finding the queue empty, which with the backlog enqueued before
/// the server starts happens only at the very end, so a low value can only help Hangfire. Hangfire.PostgreSql can also
/// wake waiting workers by <c>LISTEN new_job</c>/<c>NOTIFY</c> (<c>EnableLongPolling</c>, off by default); it is left
/// off, since with a standing backlog no worker waits, and a 1 ms poll already bounds the wait.
/// </summary>
public sealed class PostgresHangfireStorageProvider(PostgresBenchServer server, TimeSpan queuePollInterval) : IHangfireStorageProvider
{
    public HangfireStorageInstance Create()
    {
        var connectionString = server.CreateDatabaseAsync("hangfire_bench", CancellationToken.None).GetAwaiter().GetResult();
        var storage = Open(connectionString, queuePollInterval, prepareSchema: true);
        var description = $"{server.Description}, Hangfire.PostgreSql, queue poll {queuePollInterval.TotalMilliseconds:0.###} ms, "
            + "long polling (LISTEN/NOTIFY) off";
        return new HangfireStorageInstance(storage, description, () => server.DropDatabaseAsync(connectionString).GetAwaiter().GetResult())
        {
            ConnectionString = connectionString,
        };
    }

    /// <summary>Hangfire.PostgreSql on an existing database, as the benchmark's child processes open it.</summary>
    public static PostgreSqlStorage Open(string connectionString, TimeSpan queuePollInterval, bool prepareSchema)
    {
        var options = new PostgreSqlStorageOptions
        {
            // Below its suggested minimum of 50 ms, which it refuses unless told: see the class summary for why 1 ms.
            AllowUnsafeValues = true,
            QueuePollInterval = queuePollInterval,
            PrepareSchemaIfNecessary = prepareSchema,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }
}
