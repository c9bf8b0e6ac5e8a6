using System.Collections.Concurrent;
using System.Globalization;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Queue.Benchmarks.FleetSide;

/// <summary>
/// The fleet's half: the same <see cref="IWorkQueue"/> calls as <c>fleet bench queue</c>'s first two phases
/// (<c>workers/AutomationFleet.Worker/Cli/Bench/QueueBenchmark.cs</c>): one producer enqueues N items one call each;
/// then C consumers each lease batches under a lease and complete every item with a no-op, each completion its own
/// audited transition. Afterwards it checks from the store that every item is Completed exactly once: counts by state,
/// distinct references, and every item's audit trail (one creation, one completion).
/// </summary>
/// <remarks>
/// The worker's class is not referenced: it lives in the worker executable (all bots and their models come with it)
/// and also runs a third, mixed phase that Hangfire has no counterpart for here.
/// </remarks>
public sealed class FleetWorkload(int items, int consumers, int batchSize)
{
    private const string QueueName = "peer-bench";
    private const string ReferencePrefix = "peer-";
    private const string Reason = "bench: no-op bot";
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan IdleDelay = TimeSpan.FromMilliseconds(1);

    public async Task<SideResult> RunAsync(FleetQueueInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var queue = instance.Queue;
        var ledger = new ExecutionLedger(items);

        var enqueueSeconds = await EnqueueAsync(queue, items, cancellationToken);

        var started = TimeProvider.System.GetTimestamp();
        await ConsumeAsync(queue, ledger, cancellationToken);
        var processSeconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;

        var (problems, lost, duplicated, completed) = await CheckAsync(queue, ledger, items, cancellationToken);
        return new SideResult(
            "fleet", consumers, items, instance.Description, items / enqueueSeconds, items / processSeconds,
            completed, lost, duplicated, problems);
    }

    /// <summary>One producer enqueues items 0..count-1, one call each; returns the seconds it took.</summary>
    internal static async Task<double> EnqueueAsync(IWorkQueue queue, int count, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        for (var index = 0; index < count; index++)
        {
            var payload = "{\"n\":" + index.ToString(CultureInfo.InvariantCulture) + "}";
            await queue.EnqueueAsync(new NewWorkItem(QueueName, Reference(index), payload), "bench", cancellationToken);
        }

        return TimeProvider.System.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>
    /// A worker process's loop (<c>--store postgres --processes</c>): lease batches and complete each item until a lease
    /// finds nothing (everything was enqueued before the processes started, so nothing new arrives), recording each
    /// item number it ran in <paramref name="ran"/>.
    /// </summary>
    internal static async Task ConsumeUntilEmptyAsync(
        IWorkQueue queue, string workerId, int batchSize, List<int> ran, CancellationToken cancellationToken)
    {
        while (true)
        {
            var batch = await queue.LeaseAsync(QueueName, workerId, batchSize, LeaseDuration, cancellationToken);
            if (batch.Count == 0)
            {
                return;
            }

            foreach (var item in batch)
            {
                ran.Add(IndexOf(item.Reference));
                await queue.CompleteAsync(item.Id, workerId, Reason, cancellationToken);
            }
        }
    }

    /// <summary>
    /// A worker process's warm-up before it says <c>ready</c>: one item of its own on another queue, enqueued, leased
    /// and completed, so the timed part does not include the first calls' JIT (in one process, the first consumer count
    /// warms the code for the later ones). The run's queue and its checks never see it.
    /// </summary>
    internal static async Task WarmUpAsync(IWorkQueue queue, string workerId, CancellationToken cancellationToken)
    {
        const string WarmUpQueue = "peer-bench-warm-up";
        await queue.EnqueueAsync(new NewWorkItem(WarmUpQueue, "warm-up-" + workerId, "{}"), "bench", cancellationToken);
        foreach (var item in await queue.LeaseAsync(WarmUpQueue, workerId, 1, LeaseDuration, cancellationToken))
        {
            await queue.CompleteAsync(item.Id, workerId, Reason, cancellationToken);
        }
    }

    /// <summary>The checks after a run: the ledger (ran once each) and the store (counts, references, audit trails).</summary>
    internal static async Task<(List<string> Problems, int Lost, int Duplicated, long Completed)> CheckAsync(
        IWorkQueue queue, ExecutionLedger ledger, int items, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var (lost, duplicated) = ledger.Check();
        if (duplicated > 0)
        {
            problems.Add($"fleet: {duplicated} item(s) were handed to the no-op more than once.");
        }

        if (lost > 0)
        {
            problems.Add($"fleet: {lost} item(s) never reached the no-op.");
        }

        var completed = await VerifyStoreAsync(queue, items, problems, cancellationToken);
        return (problems, lost, duplicated, completed);
    }

    private static string Reference(int index) => ReferencePrefix + index.ToString("D8", CultureInfo.InvariantCulture);

    private static int IndexOf(string reference) =>
        int.Parse(reference.AsSpan(ReferencePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture);

    private Task ConsumeAsync(IWorkQueue queue, ExecutionLedger ledger, CancellationToken cancellationToken)
    {
        var lastProgress = TimeProvider.System.GetTimestamp();
        var tasks = Enumerable.Range(0, consumers).Select(consumer => Task.Run(
            async () =>
            {
                var workerId = "peer-bench-" + consumer.ToString(CultureInfo.InvariantCulture);
                while (ledger.Done < items)
                {
                    var batch = await queue.LeaseAsync(QueueName, workerId, batchSize, LeaseDuration, cancellationToken);
                    if (batch.Count == 0)
                    {
                        if (TimeProvider.System.GetElapsedTime(Interlocked.Read(ref lastProgress)) > StallTimeout)
                        {
                            return;
                        }

                        await Task.Delay(IdleDelay, cancellationToken);
                        continue;
                    }

                    foreach (var item in batch)
                    {
                        ledger.Record(IndexOf(item.Reference));
                        await queue.CompleteAsync(item.Id, workerId, Reason, cancellationToken);
                    }

                    Interlocked.Exchange(ref lastProgress, TimeProvider.System.GetTimestamp());
                }
            },
            cancellationToken));
        return Task.WhenAll(tasks);
    }

    private static async Task<long> VerifyStoreAsync(IWorkQueue queue, int items, List<string> problems, CancellationToken cancellationToken)
    {
        var depths = (await queue.GetDepthAsync(cancellationToken)).Where(d => d.Queue == QueueName).ToList();
        foreach (var depth in depths.Where(d => d.State != WorkItemState.Completed))
        {
            problems.Add($"fleet: {depth.Count} item(s) left {depth.State}.");
        }

        var completedCount = depths.Where(d => d.State == WorkItemState.Completed).Sum(d => (long)d.Count);
        if (completedCount != items)
        {
            problems.Add($"fleet: {completedCount} item(s) Completed, expected {items}.");
        }

        var completed = await queue.ListAsync(WorkItemState.Completed, QueueName, items + 1, cancellationToken);
        var distinct = completed.Select(i => i.Reference).Distinct(StringComparer.Ordinal).Count();
        if (distinct != completed.Count)
        {
            problems.Add($"fleet: {completed.Count - distinct} reference(s) Completed more than once.");
        }

        var badTrails = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(
            completed,
            new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken },
            async (item, token) =>
            {
                var trail = await queue.GetAuditTrailAsync(item.Id, token);
                if (trail.Count(e => e.To == WorkItemState.Completed) != 1 || trail.Count(e => e.From is null) != 1)
                {
                    badTrails.Add(item.Reference);
                }
            });

        if (!badTrails.IsEmpty)
        {
            problems.Add(
                $"fleet: {badTrails.Count} item(s) whose audit trail does not show exactly one creation and one completion "
                + $"(e.g. {string.Join(", ", badTrails.Take(3))}).");
        }

        return completedCount;
    }
}
