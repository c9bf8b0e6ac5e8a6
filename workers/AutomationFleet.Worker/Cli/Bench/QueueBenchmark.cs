using System.Collections.Concurrent;
using System.Globalization;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Worker.Cli.Bench;

/// <summary>
/// Measures the work queue through <see cref="IWorkQueue"/>, the contract the worker's queue consumers use:
/// enqueue rate into an empty queue; lease-in-batches + complete rate with a no-op bot draining that backlog;
/// and enqueue-to-completion latency with producers and consumers running together. Then verifies from the
/// store (state counts and every item's audit trail) that each item was completed exactly once.
/// </summary>
public sealed class QueueBenchmark
{
    public const string BacklogQueue = "bench-backlog";
    public const string LiveQueue = "bench-live";
    private const string Reason = "bench: no-op bot";
    private static readonly TimeSpan IdleDelay = TimeSpan.FromMilliseconds(1);

    private readonly IWorkQueue _queue;
    private readonly TimeProvider _timeProvider;
    private readonly QueueBenchmarkSettings _settings;

    public QueueBenchmark(IWorkQueue queue, TimeProvider timeProvider, QueueBenchmarkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _queue = queue;
        _timeProvider = timeProvider;
        _settings = settings;
        Enqueue = new BenchPhaseProgress("enqueue", settings.Items);
        Drain = new BenchPhaseProgress("lease+complete", settings.Items);
        Live = new BenchPhaseProgress("enqueue while consuming", settings.Items);
        Verify = new BenchPhaseProgress("verify (counts + audit)", 2L * settings.Items);
    }

    public BenchPhaseProgress Enqueue { get; }

    public BenchPhaseProgress Drain { get; }

    public BenchPhaseProgress Live { get; }

    public BenchPhaseProgress Verify { get; }

    public IReadOnlyList<BenchPhaseProgress> Phases => [Enqueue, Drain, Live, Verify];

    /// <summary>Runs the three phases and the verification; <paramref name="synchronous"/> and the path are only reported.</summary>
    public async Task<QueueBenchmarkReport> RunAsync(string synchronous, string databasePath, CancellationToken cancellationToken)
    {
        var problems = new List<string>();

        var started = _timeProvider.GetTimestamp();
        await ProduceAsync(BacklogQueue, "bench-b", Enqueue, cancellationToken);
        var enqueueSeconds = _timeProvider.GetElapsedTime(started).TotalSeconds;

        var backlogSeen = new ConcurrentDictionary<long, int>();
        started = _timeProvider.GetTimestamp();
        await ConsumeAsync(BacklogQueue, "b", backlogSeen, Drain, () => true, cancellationToken);
        var drainSeconds = _timeProvider.GetElapsedTime(started).TotalSeconds;

        var liveSeen = new ConcurrentDictionary<long, int>();
        var producing = 1;
        started = _timeProvider.GetTimestamp();
        var producers = Task.Run(
            async () =>
            {
                try
                {
                    await ProduceAsync(LiveQueue, "bench-l", progress: null, cancellationToken);
                }
                finally
                {
                    Volatile.Write(ref producing, 0);
                }
            },
            cancellationToken);
        var consumers = ConsumeAsync(LiveQueue, "l", liveSeen, Live, () => Volatile.Read(ref producing) == 0, cancellationToken);
        await Task.WhenAll(producers, consumers);
        var liveSeconds = _timeProvider.GetElapsedTime(started).TotalSeconds;

        var backlog = await VerifyQueueAsync(BacklogQueue, backlogSeen, problems, cancellationToken);
        var live = await VerifyQueueAsync(LiveQueue, liveSeen, problems, cancellationToken);
        var latencies = live.Latencies.Order().ToArray();

        return new QueueBenchmarkReport(
            _settings.Items,
            _settings.Consumers,
            _settings.Producers,
            _settings.BatchSize,
            synchronous,
            databasePath,
            Environment.ProcessorCount,
            _settings.Items / enqueueSeconds,
            _settings.Items / drainSeconds,
            _settings.Items / liveSeconds,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99),
            latencies.Length == 0 ? double.NaN : latencies[^1],
            backlog.Lost + live.Lost,
            backlog.Duplicated + live.Duplicated,
            problems);
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double fraction)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(fraction * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    private static string ReferenceFor(string prefix, int index) => $"{prefix}-{index.ToString("D8", CultureInfo.InvariantCulture)}";

    private Task ProduceAsync(string queue, string prefix, BenchPhaseProgress? progress, CancellationToken cancellationToken)
    {
        var producers = Enumerable.Range(0, _settings.Producers).Select(producer => Task.Run(
            async () =>
            {
                for (var index = producer; index < _settings.Items; index += _settings.Producers)
                {
                    var payload = "{\"n\":" + index.ToString(CultureInfo.InvariantCulture) + "}";
                    await _queue.EnqueueAsync(new NewWorkItem(queue, ReferenceFor(prefix, index), payload), "bench", cancellationToken);
                    progress?.Advance();
                }
            },
            cancellationToken));
        return Task.WhenAll(producers);
    }

    private Task ConsumeAsync(
        string queue,
        string workerPrefix,
        ConcurrentDictionary<long, int> seen,
        BenchPhaseProgress progress,
        Func<bool> producersDone,
        CancellationToken cancellationToken)
    {
        var lastProgress = _timeProvider.GetTimestamp();
        var consumers = Enumerable.Range(0, _settings.Consumers).Select(consumer => Task.Run(
            async () =>
            {
                var workerId = $"bench-{workerPrefix}{consumer.ToString(CultureInfo.InvariantCulture)}";
                while (progress.Done < _settings.Items)
                {
                    var batch = await _queue.LeaseAsync(queue, workerId, _settings.BatchSize, _settings.LeaseDuration, cancellationToken);
                    if (batch.Count == 0)
                    {
                        if (producersDone() && _timeProvider.GetElapsedTime(Interlocked.Read(ref lastProgress)) > _settings.StallTimeout)
                        {
                            return;
                        }

                        await Task.Delay(IdleDelay, _timeProvider, cancellationToken);
                        continue;
                    }

                    foreach (var item in batch)
                    {
                        seen.AddOrUpdate(item.Id, 1, (_, count) => count + 1);
                        await _queue.CompleteAsync(item.Id, workerId, Reason, cancellationToken);
                        progress.Advance();
                    }

                    Interlocked.Exchange(ref lastProgress, _timeProvider.GetTimestamp());
                }
            },
            cancellationToken));
        return Task.WhenAll(consumers);
    }

    private async Task<QueueCheck> VerifyQueueAsync(
        string queue, ConcurrentDictionary<long, int> seen, List<string> problems, CancellationToken cancellationToken)
    {
        var duplicated = seen.Count(pair => pair.Value > 1);
        if (duplicated > 0)
        {
            problems.Add($"{queue}: {duplicated} item(s) were leased more than once.");
        }

        var depths = (await _queue.GetDepthAsync(cancellationToken)).Where(d => d.Queue == queue).ToList();
        foreach (var depth in depths.Where(d => d.State != WorkItemState.Completed))
        {
            problems.Add($"{queue}: {depth.Count} item(s) left {depth.State}.");
        }

        var completedCount = depths.Where(d => d.State == WorkItemState.Completed).Sum(d => d.Count);
        if (completedCount != _settings.Items)
        {
            problems.Add($"{queue}: {completedCount} item(s) Completed, expected {_settings.Items}.");
        }

        var completed = await _queue.ListAsync(WorkItemState.Completed, queue, _settings.Items + 1, cancellationToken);
        var distinct = completed.Select(i => i.Reference).Distinct(StringComparer.Ordinal).Count();
        if (distinct != completed.Count)
        {
            problems.Add($"{queue}: {completed.Count - distinct} reference(s) appear more than once.");
        }

        var latencies = new ConcurrentBag<double>();
        var badTrails = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(
            completed,
            new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken },
            async (item, token) =>
            {
                var trail = await _queue.GetAuditTrailAsync(item.Id, token);
                var completions = trail.Where(e => e.To == WorkItemState.Completed).ToList();
                var creations = trail.Count(e => e.From is null);
                if (completions.Count != 1 || creations != 1)
                {
                    badTrails.Add(item.Reference);
                }
                else
                {
                    latencies.Add((completions[0].At - item.CreatedAt).TotalMilliseconds);
                }

                Verify.Advance();
            });

        if (!badTrails.IsEmpty)
        {
            problems.Add(
                $"{queue}: {badTrails.Count} item(s) whose audit trail does not show exactly one creation and one completion "
                + $"(e.g. {string.Join(", ", badTrails.Take(3))}).");
        }

        var lost = Math.Max(0, _settings.Items - Math.Min(distinct, seen.Count));
        if (lost > 0)
        {
            problems.Add($"{queue}: {lost} item(s) lost (never completed).");
        }

        return new QueueCheck(lost, duplicated, [.. latencies]);
    }

    private sealed record QueueCheck(int Lost, int Duplicated, IReadOnlyList<double> Latencies);
}
