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

    private readonly IThresholdOverrideStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private volatile Snapshot? _snapshot;

    /// <summary>Creates the source; nothing is read until the first <see cref="GetAsync"/>.</summary>
    /// <param name="store">Where overrides are kept.</param>
    /// <param name="timeProvider">The clock that ages the snapshot.</param>
    /// <param name="logger">Logs a failed refresh (the last snapshot is kept).</param>
    public ThresholdOverrideSource(IThresholdOverrideStore store, TimeProvider timeProvider, ILogger<ThresholdOverrideSource>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _store = store;
        _timeProvider = timeProvider;
        _logger = logger ?? NullLogger<ThresholdOverrideSource>.Instance;
    }

    /// <summary>How long a snapshot is used; <see cref="DefaultCacheDuration"/> unless set.</summary>
    public TimeSpan CacheDuration { get; init; } = DefaultCacheDuration;

    /// <summary>The last snapshot read (empty before the first read); never reads the store.</summary>
    public ThresholdOverrideSet Current => _snapshot?.Overrides ?? ThresholdOverrideSet.Empty;

    /// <summary>
    /// The overrides in force: the cached snapshot while it is younger than <see cref="CacheDuration"/>, else read again.
    /// If the read fails and an older snapshot exists, that one is used and the failure logged; with none, it throws.
    /// </summary>
    public async ValueTask<ThresholdOverrideSet> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        if (snapshot is not null && !IsStale(snapshot))
        {
            return snapshot.Overrides;
        }

        await _refreshLock.WaitAsync(cancellationToken);
        try
        {
            snapshot = _snapshot;
            if (snapshot is not null && !IsStale(snapshot))
            {
                return snapshot.Overrides;
            }

            try
            {
                var read = new ThresholdOverrideSet(await _store.ListThresholdOverridesAsync(cancellationToken));
                _snapshot = new Snapshot(read, _timeProvider.GetUtcNow());
                return read;
            }
            catch (Exception exception) when (snapshot is not null && exception is not OperationCanceledException)
            {
                _logger.LogWarning(exception, "Reading threshold overrides failed; keeping the {Count} read before", snapshot.Overrides.All.Count);
                return snapshot.Overrides;
            }
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    /// <summary>Forgets the snapshot, so the next <see cref="GetAsync"/> reads the store (after a change made in this process).</summary>
    public void Invalidate() => _snapshot = null;

    /// <summary>Releases the refresh lock.</summary>
    public void Dispose() => _refreshLock.Dispose();

    private bool IsStale(Snapshot snapshot) => _timeProvider.GetUtcNow() - snapshot.ReadAt >= CacheDuration;

    private sealed record Snapshot(ThresholdOverrideSet Overrides, DateTimeOffset ReadAt);
}
