using System.Diagnostics;
using AutomationFleet.Bots.Updates.Channels;

namespace AutomationFleet.CrashTestWorker;

/// <summary>
/// The real update channel, then SIGKILL of this process right after the <c>n</c>th update has left: the kill lands
/// between the send and the ledger's record of it, the window the updates' exactly-once design has to cover.
/// </summary>
public sealed class KillAfterSendChannel(IUpdateChannel inner, int killAfter) : IUpdateChannel
{
    private int _sent;

    public async Task<string> SendAsync(UpdateMessage message, CancellationToken cancellationToken)
    {
        var result = await inner.SendAsync(message, cancellationToken);
        if (Interlocked.Increment(ref _sent) == killAfter)
        {
            Process.GetCurrentProcess().Kill();
        }

        return result;
    }
}
