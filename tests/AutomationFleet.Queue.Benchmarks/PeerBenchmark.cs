using AutomationFleet.Queue.Benchmarks.FleetSide;
using AutomationFleet.Queue.Benchmarks.HangfireSide;
using AutomationFleet.Queue.Benchmarks.Postgres;

namespace AutomationFleet.Queue.Benchmarks;

/// <summary>
/// The fleet's queue and Hangfire, the same workload one after the other on the same kind of store, for each consumer
/// count: N no-op items enqueued by one producer into an empty store, then taken and completed by C consumers. Each side
/// gets a fresh database per measurement; the store-specific parts are the two providers. On PostgreSQL it also measures
/// P worker processes per side (<see cref="PeerBenchmarkSettings.Processes"/>). Disposing it stops a throw-away server.
/// </summary>
public sealed class PeerBenchmark(
    PeerBenchmarkSettings settings, IFleetQueueProvider fleet, IHangfireStorageProvider hangfire, IAsyncDisposable? owned = null)
    : IAsyncDisposable
{
    public static PeerBenchmark ForStore(PeerBenchmarkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Store switch
        {
            "sqlite" => new PeerBenchmark(
                settings,
                new SqliteFleetQueueProvider(settings.Synchronous),
                new SqliteHangfireStorageProvider(settings.Synchronous, settings.HangfirePollInterval)),
            "postgres" => ForPostgres(settings, new PostgresBenchServer(settings.Connection)),
            _ => throw new ArgumentException($"No providers for store '{settings.Store}'.", nameof(settings)),
        };
    }

    public ValueTask DisposeAsync() => owned?.DisposeAsync() ?? ValueTask.CompletedTask;

    private static PeerBenchmark ForPostgres(PeerBenchmarkSettings settings, PostgresBenchServer server) => new(
        settings,
        new PostgresFleetQueueProvider(server),
        new PostgresHangfireStorageProvider(server, settings.HangfirePollInterval),
        server);

    public async Task<PeerBenchmarkReport> RunAsync(TextWriter? progress, CancellationToken cancellationToken)
    {
        var before = LoadAverage.Read();
        var comparisons = new List<PeerComparison>();
        var processComparisons = new List<PeerComparison>();
        for (var run = 1; run <= settings.Runs; run++)
        {
            foreach (var consumers in settings.Consumers)
            {
                progress?.WriteLine($"run {run}, {consumers} consumer(s): fleet…");
                SideResult fleetResult;
                await using (var instance = await fleet.CreateAsync(cancellationToken))
                {
                    fleetResult = await new FleetWorkload(settings.Items, consumers, settings.BatchSize).RunAsync(instance, cancellationToken);
                }

                progress?.WriteLine($"run {run}, {consumers} consumer(s): hangfire…");
                SideResult hangfireResult;
                using (var instance = hangfire.Create())
                {
                    hangfireResult = await new HangfireWorkload(settings.Items, consumers).RunAsync(instance, cancellationToken);
                }

                comparisons.Add(new PeerComparison(run, consumers, LoadAverage.Read(), fleetResult, hangfireResult));
            }

            foreach (var processes in settings.Processes)
            {
                progress?.WriteLine($"run {run}, {processes} worker process(es): fleet…");
                SideResult fleetResult;
                await using (var instance = await fleet.CreateAsync(cancellationToken))
                {
                    fleetResult = await new FleetProcessWorkload(settings.Items, processes, settings.BatchSize).RunAsync(instance, cancellationToken);
                }

                progress?.WriteLine($"run {run}, {processes} worker process(es): hangfire…");
                SideResult hangfireResult;
                using (var instance = hangfire.Create())
                {
                    hangfireResult = await new HangfireProcessWorkload(settings.Items, processes, settings.HangfirePollInterval)
                        .RunAsync(instance, cancellationToken);
                }

                processComparisons.Add(new PeerComparison(run, processes, LoadAverage.Read(), fleetResult, hangfireResult));
            }
        }

        return new PeerBenchmarkReport(settings, Environment.ProcessorCount, before, LoadAverage.Read(), comparisons)
        {
            ProcessComparisons = processComparisons,
        };
    }
}
