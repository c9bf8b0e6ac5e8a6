using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutomationFleet.Core.Bots;

/// <summary>
/// The paused bots as a queue consumer sees them: read from <see cref="IBotPauseStore"/> and kept for
/// <see cref="CacheDuration"/>, so a pause made in the portal or the CLI (another process, the same store) stops every
/// worker's consumers within that time, at the cost of one small read per worker process every few seconds. Polling
/// rather than a push: it works the same on both stores, and a pause does not need to be faster than this.
/// </summary>
public sealed class BotPauseSource : IDisposable
{
    /// <summary>How long a snapshot is used before the store is read again, unless set otherwise.</summary>
    public static readonly TimeSpan DefaultCacheDuration = TimeSpan.FromSeconds(2);

    private readonly StoreSnapshot<IReadOnlyDictionary<string, BotPause>> _pauses;

    /// <summary>Creates the source; nothing is read until the first <see cref="FindAsync"/>.</summary>
    /// <param name="store">Where pauses are kept.</param>
    /// <param name="timeProvider">The clock that ages the snapshot.</param>
    /// <param name="logger">Logs a failed refresh (the last snapshot is kept).</param>
    public BotPauseSource(IBotPauseStore store, TimeProvider timeProvider, ILogger<BotPauseSource>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _pauses = new StoreSnapshot<IReadOnlyDictionary<string, BotPause>>(
            "paused bots",
            async cancellationToken => (await store.ListBotPausesAsync(cancellationToken)).ToDictionary(p => p.Bot, StringComparer.OrdinalIgnoreCase),
            timeProvider,
            DefaultCacheDuration,
            logger ?? (ILogger)NullLogger<BotPauseSource>.Instance);
    }

    /// <summary>How long a snapshot is used; <see cref="DefaultCacheDuration"/> unless set.</summary>
    public TimeSpan CacheDuration
    {
        get => _pauses.CacheDuration;
        init => _pauses.CacheDuration = value;
    }

    /// <summary>
    /// The bot's pause, or null if it runs: from the cached snapshot while it is younger than <see cref="CacheDuration"/>,
    /// else read again. If the read fails and an older snapshot exists, that one is used and the failure logged; with
    /// none, it throws (a consumer then treats the lease as failed and tries again).
    /// </summary>
    public async ValueTask<BotPause?> FindAsync(string bot, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bot);
        var pauses = await _pauses.GetAsync(cancellationToken);
        return pauses.GetValueOrDefault(bot);
    }

    /// <summary>Forgets the snapshot, so the next read goes to the store (after a change made in this process).</summary>
    public void Invalidate() => _pauses.Invalidate();

    /// <summary>Releases the refresh lock.</summary>
    public void Dispose() => _pauses.Dispose();
}
