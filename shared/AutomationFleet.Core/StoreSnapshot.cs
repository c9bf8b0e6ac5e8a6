using Microsoft.Extensions.Logging;

namespace AutomationFleet.Core;

/// <summary>
/// A value read from the store and kept for <see cref="CacheDuration"/>: how a setting that another process changes
/// (a threshold override, a paused bot: the portal or the CLI writes it, every worker reads it) reaches every running
/// worker within that time, at the cost of one small read per process every few seconds. If a read fails and an older
/// value exists, that one is kept and the failure logged; with none, the failure is thrown.
/// </summary>
/// <typeparam name="T">What is read.</typeparam>
public sealed class StoreSnapshot<T> : IDisposable
    where T : class
{
    private readonly string _what;
    private readonly Func<CancellationToken, Task<T>> _read;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private volatile Snapshot? _snapshot;

    /// <summary>Creates the cache; nothing is read until the first <see cref="GetAsync"/>.</summary>
    /// <param name="what">What is read, for the log (e.g. "paused bots").</param>
    /// <param name="read">Reads the value from the store.</param>
    /// <param name="timeProvider">The clock that ages the value.</param>
    /// <param name="cacheDuration">How long a value is used before the store is read again.</param>
    /// <param name="logger">Logs a failed read (the last value is kept).</param>
    public StoreSnapshot(string what, Func<CancellationToken, Task<T>> read, TimeProvider timeProvider, TimeSpan cacheDuration, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(what);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _what = what;
        _read = read;
        _timeProvider = timeProvider;
        CacheDuration = cacheDuration;
        _logger = logger;
    }

    /// <summary>How long a value is used before the store is read again.</summary>
    public TimeSpan CacheDuration { get; set; }

    /// <summary>The last value read, or null before the first read; never reads the store.</summary>
    public T? Current => _snapshot?.Value;

    /// <summary>The cached value while it is younger than <see cref="CacheDuration"/>, else read again.</summary>
    public async ValueTask<T> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        if (snapshot is not null && !IsStale(snapshot))
        {
            return snapshot.Value;
        }

        await _refreshLock.WaitAsync(cancellationToken);
        try
        {
            snapshot = _snapshot;
            if (snapshot is not null && !IsStale(snapshot))
            {
                return snapshot.Value;
            }

            try
            {
                var read = await _read(cancellationToken);
                _snapshot = new Snapshot(read, _timeProvider.GetUtcNow());
                return read;
            }
            catch (Exception exception) when (snapshot is not null && exception is not OperationCanceledException)
            {
                _logger.LogWarning(exception, "Reading {What} failed; keeping what was read at {ReadAt}", _what, snapshot.ReadAt);
                return snapshot.Value;
            }
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    /// <summary>Forgets the value, so the next <see cref="GetAsync"/> reads the store (after a change made in this process).</summary>
    public void Invalidate() => _snapshot = null;

    /// <summary>Releases the refresh lock.</summary>
    public void Dispose() => _refreshLock.Dispose();

    private bool IsStale(Snapshot snapshot) => _timeProvider.GetUtcNow() - snapshot.ReadAt >= CacheDuration;

    private sealed record Snapshot(T Value, DateTimeOffset ReadAt);
}
