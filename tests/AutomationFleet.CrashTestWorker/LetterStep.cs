using System.Text;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Resilience;

namespace AutomationFleet.CrashTestWorker;

/// <summary>
/// A side effect that must not be repeated: appends <c>START key</c>, then (after an optional hold)
/// <c>DONE key</c> to a log file shared by every worker process. Each line is handed to the kernel (written, not
/// buffered in the process) before the step goes on, so a SIGKILL cannot lose it. It is not forced to the disk: the
/// tests kill processes, never the machine, and a flush to disk per line (two per item, on a disk other builds share)
/// was what held the PostgreSQL crash test to about 20 items a second.
/// </summary>
public sealed class LetterStep(string logPath, TimeSpan hold) : IDeliveryStep
{
    private static readonly SemaphoreSlim FileLock = new(1, 1);

    public string Name => "letter";

    public bool IsIdempotent => false;

    public string Pipeline => FleetPipelines.Delivery;

    public async Task<string?> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await AppendAsync($"START {context.IdempotencyKey}");
        if (context.Item.PayloadJson.Contains("\"hold\":true", StringComparison.Ordinal))
        {
            await Task.Delay(hold, cancellationToken);
        }

        await AppendAsync($"DONE {context.IdempotencyKey}");
        return null;
    }

    private async Task AppendAsync(string line)
    {
        await FileLock.WaitAsync();
        try
        {
            // bufferSize 0: the write goes straight to the file (one write(2) in append mode), nothing stays in the process.
            await using var stream = new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"));
        }
        finally
        {
            FileLock.Release();
        }
    }
}
