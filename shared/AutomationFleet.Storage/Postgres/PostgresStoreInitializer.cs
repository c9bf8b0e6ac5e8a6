using Microsoft.Extensions.Hosting;

namespace AutomationFleet.Storage.Postgres;

/// <summary>
/// Upgrades the schema while the host is starting, before any hosted service's <c>StartAsync</c> runs, so consumers find
/// the database ready (and a database newer than the build, or unreachable, stops start-up).
/// </summary>
internal sealed class PostgresStoreInitializer(PostgresFleetStore store) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
