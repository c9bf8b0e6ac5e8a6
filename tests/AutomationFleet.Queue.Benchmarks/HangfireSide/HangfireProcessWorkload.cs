using System.Globalization;

namespace AutomationFleet.Queue.Benchmarks.HangfireSide;

/// <summary>
/// Hangfire's half with P processes: the parent enqueues N jobs as <see cref="HangfireWorkload"/> does, starts P copies
/// of this benchmark (<see cref="WorkerProcess"/>), each running a <c>BackgroundJobServer</c> with one worker on the same
/// Hangfire.PostgreSql database. Timed from <c>go</c> (every process connected; the servers start on it, as the
/// in-process measurement's timer includes its server's start) until the monitoring API counts N Succeeded; then the
/// processes stop and report what they ran, and the same checks run.
/// </summary>
public sealed class HangfireProcessWorkload(int items, int processes, TimeSpan queuePollInterval)
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromMinutes(1);

    public async Task<SideResult> RunAsync(HangfireStorageInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var connection = instance.ConnectionString
            ?? throw new InvalidOperationException("worker processes need a store they can all reach (--store postgres)");
        var (jobIds, enqueueSeconds) = HangfireWorkload.Enqueue(instance.Storage, items, cancellationToken);
        var monitoring = instance.Storage.GetMonitoringApi();

        var children = Enumerable.Range(0, processes).Select(p => WorkerProcess.Start(
        [
            "--system", "hangfire", "--connection", connection, "--items", items.ToString(CultureInfo.InvariantCulture),
            "--worker-id", "peer-bench-process-" + p.ToString(CultureInfo.InvariantCulture),
            "--hangfire-poll-ms", queuePollInterval.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture),
        ])).ToList();
        try
        {
            await Task.WhenAll(children.Select(c => c.WaitForAsync("ready", cancellationToken)));
            var started = TimeProvider.System.GetTimestamp();
            children.ForEach(c => c.Send("go"));
            await HangfireWorkload.WaitForAsync(() => monitoring.SucceededListCount(), items, cancellationToken);
            var processSeconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;

            children.ForEach(c => c.Send("stop"));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StopTimeout);
            var ran = await Task.WhenAll(children.Select(c => c.WaitDoneAsync(timeout.Token)));
            var ledger = new ExecutionLedger(items);
            foreach (var item in ran.SelectMany(r => r))
            {
                ledger.Record(item);
            }

            var (problems, lost, duplicated, succeeded) = HangfireWorkload.Check(ledger, monitoring, jobIds, items);
            return new SideResult(
                "hangfire", processes, items, instance.Description, items / enqueueSeconds, items / processSeconds,
                succeeded, lost, duplicated, problems);
        }
        finally
        {
            children.ForEach(c => c.Dispose());
        }
    }
}
