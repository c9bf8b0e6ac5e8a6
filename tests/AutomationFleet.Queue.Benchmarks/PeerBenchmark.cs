using AutomationFleet.Queue.Benchmarks.FleetSide;
using AutomationFleet.Queue.Benchmarks.HangfireSide;

namespace AutomationFleet.Queue.Benchmarks;

/// <summary>
/// The fleet's queue and Hangfire, the same workload one after the other on the same kind of store, for each consumer
/// count: N no-op items enqueued by one producer into an empty store, then taken and completed by C consumers. Each side
/// gets a fresh database per measurement; the store-specific parts are the two providers.
/// </summary>
public sealed class PeerBenchmark(PeerBenchmarkSettings settings, IFleetQueueProvider fleet, IHangfireStorageProvider hangfire)
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
            _ => throw new ArgumentException($"No providers for store '{settings.Store}'.", nameof(settings)),
        };
    }

    public async Task<PeerBenchmarkReport> RunAsync(TextWriter? progress, CancellationToken cancellationToken)
    {
        var before = LoadAverage.Read();
        var comparisons = new List<PeerComparison>();
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
        }

        return new PeerBenchmarkReport(settings, Environment.ProcessorCount, before, LoadAverage.Read(), comparisons);
    }
}
