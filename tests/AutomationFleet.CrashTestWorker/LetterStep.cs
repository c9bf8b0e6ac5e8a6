using System.Text;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Resilience;

namespace AutomationFleet.CrashTestWorker;

/// <summary>
/// A side effect that must not be repeated: appends <c>START key</c>, then (after an optional hold)
/// <c>DONE key</c> to a log file shared by every worker process, flushing each line to disk.
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
            await using var stream = new FileStream(
                logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 4096, FileOptions.WriteThrough);
            var bytes = Encoding.UTF8.GetBytes(line + "\n");
            await stream.WriteAsync(bytes);
            stream.Flush(flushToDisk: true);
        }
        finally
        {
            FileLock.Release();
        }
    }
}
