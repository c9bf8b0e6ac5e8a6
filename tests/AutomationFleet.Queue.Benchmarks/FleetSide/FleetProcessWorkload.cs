using System.Globalization;

namespace AutomationFleet.Queue.Benchmarks.FleetSide;

/// <summary>
/// The fleet's half with P worker processes instead of C consumers in one: the parent enqueues N items as
/// <see cref="FleetWorkload"/> does, starts P copies of this benchmark (<see cref="WorkerProcess"/>), each opening its own
/// <c>PostgresFleetStore</c> on the same database and leasing and completing with one consumer until the queue is empty.
/// Timed from <c>go</c> (every process connected) until the last one says <c>done</c>; then the same checks, the
/// processes' reports of what they ran merged into one ledger.
/// </summary>
public sealed class FleetProcessWorkload(int items, int processes, int batchSize)
{
    public async Task<SideResult> RunAsync(FleetQueueInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var connection = instance.ConnectionString
            ?? throw new InvalidOperationException("worker processes need a store they can all reach (--store postgres)");
        var enqueueSeconds = await FleetWorkload.EnqueueAsync(instance.Queue, items, cancellationToken);

        var children = Enumerable.Range(0, processes).Select(p => WorkerProcess.Start(
        [
            "--system", "fleet", "--connection", connection, "--items", items.ToString(CultureInfo.InvariantCulture),
            "--worker-id", "peer-bench-process-" + p.ToString(CultureInfo.InvariantCulture),
            "--batch-size", batchSize.ToString(CultureInfo.InvariantCulture),
        ])).ToList();
        try
        {
            await Task.WhenAll(children.Select(c => c.WaitForAsync("ready", cancellationToken)));
            var started = TimeProvider.System.GetTimestamp();
            children.ForEach(c => c.Send("go"));
            var ran = await Task.WhenAll(children.Select(c => c.WaitDoneAsync(cancellationToken)));
            var processSeconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;

            var ledger = new ExecutionLedger(items);
            foreach (var item in ran.SelectMany(r => r))
            {
                ledger.Record(item);
            }

            var (problems, lost, duplicated, completed) = await FleetWorkload.CheckAsync(instance.Queue, ledger, items, cancellationToken);
            return new SideResult(
                "fleet", processes, items, instance.Description, items / enqueueSeconds, items / processSeconds,
                completed, lost, duplicated, problems);
        }
        finally
        {
            children.ForEach(c => c.Dispose());
        }
    }
}
