using System.Collections.Concurrent;
using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AutomationFleet.Storage.Postgres;

/// <summary>
/// Wake-ups through PostgreSQL's <c>LISTEN/NOTIFY</c>: one connection per process listens on
/// <see cref="Channel"/>, and <see cref="PostgresFleetStore"/> notifies it, with the queue's name as the payload, in the
/// same transaction that makes an item leasable now (enqueue, release, replay, a reviewer's approve or correct), so the
/// notification is delivered only if that change commits. Waiters on a queue are all woken by its notification.
/// </summary>
/// <remarks>
/// The listening connection opens on the first <see cref="WaitAsync"/>, so a process that never consumes (the CLI,
/// the portal) holds none. When it is lost (the server restarted, the network dropped) the loss is logged once, waits
/// fall back to the caller's poll interval, and the connection is reopened every <see cref="ReconnectDelay"/> until it is
/// back; then the recovery is logged once and every waiter is woken, since notifications sent meanwhile were lost.
/// </remarks>
public sealed class PostgresWorkAvailableSignal : IWorkAvailableSignal, IAsyncDisposable
{
    /// <summary>The notification channel the store notifies and the listener listens on.</summary>
    public const string Channel = "fleet_work";

    /// <summary>How long the listener waits before reopening a lost connection.</summary>
    public static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly string _connectionString;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<PostgresWorkAvailableSignal> _logger;
    private readonly Lock _startLock = new();
    private Task? _listening;
    private bool _disposed;

    /// <summary>Creates the signal; nothing connects until the first <see cref="WaitAsync"/>.</summary>
    /// <param name="options">The store's database (<see cref="PostgresStoreOptions.ConnectionString"/>).</param>
    /// <param name="timeProvider">The clock waits and reconnection delays run on.</param>
    /// <param name="logger">Where the lost and restored connection are reported.</param>
    public PostgresWorkAvailableSignal(PostgresStoreOptions options, TimeProvider timeProvider, ILogger<PostgresWorkAvailableSignal> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        // Its own unpooled connection with TCP keepalive: a pooled one would be reset (UNLISTEN) on return, and an idle
        // listener must notice a dead peer on its own.
        _connectionString = new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            Pooling = false,
            KeepAlive = 15,
            ApplicationName = "fleet-wake-ups",
        }.ConnectionString;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>True while the listening connection is open and listening.</summary>
    public bool IsListening { get; private set; }

    /// <inheritdoc />
    public async Task<bool> WaitAsync(string queue, TimeSpan max, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queue);
        EnsureListening();
        var woken = _waiters.GetOrAdd(queue, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(max, _timeProvider, timeout.Token);
        var first = await Task.WhenAny(woken, delay);
        if (first == woken)
        {
            await timeout.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
            return true;
        }

        await delay;
        return false;
    }

    /// <summary>Stops listening and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        Task? listening;
        lock (_startLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            listening = _listening;
        }

        await _stopping.CancelAsync();
        if (listening is not null)
        {
            await listening;
        }

        _stopping.Dispose();
        WakeAll();
    }

    private void EnsureListening()
    {
        if (_listening is not null)
        {
            return;
        }

        lock (_startLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _listening ??= Task.Run(() => ListenAsync(_stopping.Token));
        }
    }

    // A supervision loop, not a retry of an operation: it keeps one long-lived connection open for the process's life,
    // like the consumer's own poll loop. Nothing waits on it; while it is down, waits fall back to the poll interval.
    private async Task ListenAsync(CancellationToken stopping)
    {
        DateTimeOffset? lostAt = null;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_connectionString);
                connection.Notification += (_, notification) => Wake(notification.Payload);
                await connection.OpenAsync(stopping);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel};", connection))
                {
                    await listen.ExecuteNonQueryAsync(stopping);
                }

                // Whatever was notified while no one listened is lost: let every waiter look once.
                WakeAll();
                IsListening = true;
                if (lostAt is { } since)
                {
                    _logger.LogWarning(
                        "Wake-up connection to PostgreSQL restored after {Downtime}; listening on {Channel} again",
                        _timeProvider.GetUtcNow() - since, Channel);
                    lostAt = null;
                }
                else
                {
                    _logger.LogInformation("Listening on PostgreSQL channel {Channel} for queue wake-ups", Channel);
                }

                while (true)
                {
                    await connection.WaitAsync(stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            // Whatever broke the connection, the listener must outlive it.
            catch (Exception exception)
            {
                IsListening = false;
                if (lostAt is null)
                {
                    lostAt = _timeProvider.GetUtcNow();
                    _logger.LogWarning(
                        exception,
                        "Lost the wake-up connection to PostgreSQL; queue consumers poll at their interval until it is back");
                }
            }

            try
            {
                await Task.Delay(ReconnectDelay, _timeProvider, stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        IsListening = false;
    }

    private void Wake(string queue)
    {
        if (_waiters.TryRemove(queue, out var waiters))
        {
            waiters.TrySetResult();
        }
    }

    private void WakeAll()
    {
        foreach (var queue in _waiters.Keys)
        {
            Wake(queue);
        }
    }
}
