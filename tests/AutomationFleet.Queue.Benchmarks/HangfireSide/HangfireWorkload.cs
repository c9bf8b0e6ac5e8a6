using System.Globalization;
using Hangfire;
using Hangfire.States;

namespace AutomationFleet.Queue.Benchmarks.HangfireSide;

/// <summary>
/// Hangfire's half, as its documentation sets it up: one producer enqueues N fire-and-forget jobs through
/// <see cref="BackgroundJobClient"/> (each <c>NoOpJob.Run(n)</c>, created and moved to Enqueued in its own storage
/// transaction); then a <see cref="BackgroundJobServer"/> with <c>WorkerCount = C</c> fetches and runs them (each job
/// Processing then Succeeded, with its state history). Timed from the server's start until the monitoring API counts N
/// Succeeded jobs: the jobs' own counter says when to start asking, so the storage is not polled while it works.
/// Afterwards: every job ran exactly once (the ledger), N Succeeded and none Failed (the monitoring API), and a sample
/// of jobs' histories shows one Succeeded each.
/// </summary>
public sealed class HangfireWorkload(int items, int consumers)
{
    private const int HistorySample = 200;
    private static readonly TimeSpan CountPoll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(30);

    static HangfireWorkload()
    {
        // What Hangfire 1.8 recommends for a new installation (smaller payloads, no assembly versions in type names).
        GlobalConfiguration.Configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings();
    }

    /// <summary>Runs the static constructor (the serializer settings) in a worker process that only runs jobs.</summary>
    internal static void EnsureConfigured()
    {
    }

    public async Task<SideResult> RunAsync(HangfireStorageInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var storage = instance.Storage;
        var ledger = new ExecutionLedger(items);
        NoOpJob.Current = ledger;
        try
        {
            var (jobIds, enqueueSeconds) = Enqueue(storage, items, cancellationToken);

            var monitoring = storage.GetMonitoringApi();
            var options = new BackgroundJobServerOptions
            {
                WorkerCount = consumers,
                ServerName = "peer-bench-" + consumers.ToString(CultureInfo.InvariantCulture),
            };
            double processSeconds;
            var started = TimeProvider.System.GetTimestamp();
            using (new BackgroundJobServer(options, storage))
            {
                await WaitForAsync(() => ledger.Done, items, cancellationToken);
                await WaitForAsync(() => monitoring.SucceededListCount(), items, cancellationToken);
                processSeconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
            }

            var (problems, lost, duplicated, succeeded) = Check(ledger, monitoring, jobIds, items);
            return new SideResult(
                "hangfire", consumers, items, instance.Description, items / enqueueSeconds, items / processSeconds,
                succeeded, lost, duplicated, problems);
        }
        finally
        {
            NoOpJob.Current = null;
        }
    }

    /// <summary>One producer enqueues jobs 0..count-1 through <see cref="BackgroundJobClient"/>; their ids and the seconds it took.</summary>
    internal static (string[] JobIds, double Seconds) Enqueue(JobStorage storage, int count, CancellationToken cancellationToken)
    {
        var client = new BackgroundJobClient(storage);
        var jobIds = new string[count];
        var started = TimeProvider.System.GetTimestamp();
        for (var index = 0; index < count; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = index;
            jobIds[index] = client.Enqueue(() => NoOpJob.Run(n));
        }

        return (jobIds, TimeProvider.System.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>The checks after a run: the ledger, the Succeeded and Failed counts, and a sample of state histories.</summary>
    internal static (List<string> Problems, int Lost, int Duplicated, long Succeeded) Check(
        ExecutionLedger ledger, Hangfire.Storage.IMonitoringApi monitoring, string[] jobIds, int items)
    {
        var problems = new List<string>();
        var (lost, duplicated) = ledger.Check();
        if (duplicated > 0)
        {
            problems.Add($"hangfire: {duplicated} job(s) ran more than once.");
        }

        if (lost > 0)
        {
            problems.Add($"hangfire: {lost} job(s) never ran.");
        }

        var succeeded = monitoring.SucceededListCount();
        if (succeeded != items)
        {
            problems.Add($"hangfire: {succeeded} job(s) Succeeded, expected {items}.");
        }

        var failed = monitoring.FailedCount();
        if (failed > 0)
        {
            problems.Add($"hangfire: {failed} job(s) Failed.");
        }

        var step = Math.Max(1, items / HistorySample);
        var badHistories = Enumerable.Range(0, items).Where(i => i % step == 0)
            .Select(i => jobIds[i])
            .Where(id => monitoring.JobDetails(id)?.History.Count(h => h.StateName == SucceededState.StateName) != 1)
            .ToList();
        if (badHistories.Count > 0)
        {
            problems.Add(
                $"hangfire: {badHistories.Count} sampled job(s) whose history does not show exactly one Succeeded "
                + $"(e.g. {string.Join(", ", badHistories.Take(3))}).");
        }

        return (problems, lost, duplicated, succeeded);
    }

    /// <summary>Waits until <paramref name="count"/> reaches <paramref name="items"/>, or stops changing for 30 s.</summary>
    internal static async Task WaitForAsync(Func<long> count, int items, CancellationToken cancellationToken)
    {
        var last = -1L;
        var lastChange = TimeProvider.System.GetTimestamp();
        while (true)
        {
            var now = count();
            if (now >= items)
            {
                return;
            }

            if (now != last)
            {
                last = now;
                lastChange = TimeProvider.System.GetTimestamp();
            }
            else if (TimeProvider.System.GetElapsedTime(lastChange) > StallTimeout)
            {
                return;
            }

            await Task.Delay(CountPoll, cancellationToken);
        }
    }
}
