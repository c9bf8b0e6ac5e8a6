using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutomationFleet.Core.Confidence;

/// <summary>
/// The overrides the policy applies, read from <see cref="IThresholdOverrideStore"/> and kept for
/// <see cref="CacheDuration"/>: a change made in the portal or the CLI (another process, the same store) reaches every
/// running worker within that time, without a restart, at the cost of one small read per worker every few seconds.
/// </summary>
public sealed class ThresholdOverrideSource : IDisposable
{
    /// <summary>How long a snapshot is used before the store is read again, unless set otherwise.</summary>
    public static readonly TimeSpan DefaultCacheDuration = TimeSpan.FromSeconds(5);

    private readonly StoreSnapshot<ThresholdOverrideSet> _overrides;

    /// <summary>Creates the source; nothing is read until the first <see cref="GetAsync"/>.</summary>
    /// <param name="store">Where overrides are kept.</param>
    /// <param name="timeProvider">The clock that ages the snapshot.</param>
    /// <param name="logger">Logs a failed refresh (the last snapshot is kept).</param>
    public ThresholdOverrideSource(IThresholdOverrideStore store, TimeProvider timeProvider, ILogger<ThresholdOverrideSource>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _overrides = new StoreSnapshot<ThresholdOverrideSet>(
            "threshold overrides",
            async cancellationToken => new ThresholdOverrideSet(await store.ListThresholdOverridesAsync(cancellationToken)),
            timeProvider,
            DefaultCacheDuration,
            logger ?? (ILogger)NullLogger<ThresholdOverrideSource>.Instance);
    }

    /// <summary>How long a snapshot is used; <see cref="DefaultCacheDuration"/> unless set.</summary>
    public TimeSpan CacheDuration
    {
        get => _overrides.CacheDuration;
        init => _overrides.CacheDuration = value;
    }

    /// <summary>The last snapshot read (empty before the first read); never reads the store.</summary>
    public ThresholdOverrideSet Current => _overrides.Current ?? ThresholdOverrideSet.Empty;

    /// <summary>
    /// The overrides in force: the cached snapshot while it is younger than <see cref="CacheDuration"/>, else read again.
    /// If the read fails and an older snapshot exists, that one is used and the failure logged; with none, it throws.
    /// </summary>
    public ValueTask<ThresholdOverrideSet> GetAsync(CancellationToken cancellationToken) => _overrides.GetAsync(cancellationToken);

    /// <summary>Forgets the snapshot, so the next <see cref="GetAsync"/> reads the store (after a change made in this process).</summary>
    public void Invalidate() => _overrides.Invalidate();

    /// <summary>Releases the refresh lock.</summary>
    public void Dispose() => _overrides.Dispose();
}
