using AutomationFleet.Core.Resilience;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Polly;
using Polly.Registry;

namespace AutomationFleet.Storage.Postgres;

/// <summary>
/// Upgrades the schema while the host is starting, before any hosted service's <c>StartAsync</c> runs, so consumers find
/// the database ready. A database that cannot be reached yet (restarting, not up) is waited for through the
/// <see cref="FleetPipelines.StoreStartup"/> pipeline, logged once, so a worker never exits and is restarted into the
/// same failure; a database newer than the build stops start-up at once.
/// </summary>
internal sealed class PostgresStoreInitializer(
    PostgresFleetStore store, ResiliencePipelineProvider<string>? pipelines = null, ILogger<PostgresStoreInitializer>? logger = null)
    : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var log = logger ?? (ILogger)NullLogger.Instance;
        var pipeline = pipelines?.GetPipeline(FleetPipelines.StoreStartup) ?? ResiliencePipeline.Empty;
        var waited = false;
        await pipeline.ExecuteAsync(
            async token =>
            {
                try
                {
                    await store.InitializeAsync(token);
                }
                catch (Exception exception) when (IsUnreachable(exception) && !waited)
                {
                    waited = true;
                    // The exception, not its message: the fleet's logging writes its types and stack only (a server message can quote values).
                    log.LogWarning(exception, "The fleet's database cannot be reached at start; waiting for it");
                    throw;
                }
            },
            cancellationToken);
        if (waited)
        {
            log.LogInformation("The fleet's database is reachable again; starting");
        }
    }

    /// <summary>A fault that waiting may cure: the server down, restarting or refusing connections for now.</summary>
    public static bool IsUnreachable(Exception exception) => exception switch
    {
        // 57P01-57P03: the server is shutting down, crashed or starting; class 08: the connection failed.
        PostgresException postgres => postgres.SqlState is "57P01" or "57P02" or "57P03" || postgres.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.IsTransient,
        TimeoutException or System.Net.Sockets.SocketException => true,
        _ => false,
    };

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
