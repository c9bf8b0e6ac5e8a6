using System.Collections.Concurrent;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Running;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AutomationFleet.Worker.Queueing;

/// <summary>
/// Consumes one queue with one bot: <see cref="QueueOptions.Concurrency"/> loops each lease a batch and run
/// every item through <see cref="BotRunner"/> in its own DI scope, catching per item. A renewal loop keeps
/// held leases alive. On shutdown it stops leasing, lets in-flight items finish for up to
/// <see cref="WorkerOptions.ShutdownTimeout"/>, then releases whatever it still holds so nothing waits for expiry.
/// An idle loop waits on <see cref="IWorkAvailableSignal"/> for at most <see cref="QueueOptions.PollInterval"/>: woken
/// early where the store can push (PostgreSQL), a plain poll where it cannot (SQLite).
/// While an administrator has the bot paused (<see cref="BotPauseSource"/>, read from the store every few seconds) no
/// loop leases: the item a loop is running finishes, and the rest of its batch is released at once for when the bot
/// is resumed.
/// </summary>
public sealed class QueueConsumer : BackgroundService
{
    private const string ReleaseReason = "worker shutting down";
    private const string PausedReleaseReason = "bot paused";
    private readonly ConcurrentDictionary<long, HeldItem> _held = new();
    private readonly string _botName;
    private readonly string _queueName;
    private readonly QueueOptions _options;
    private readonly WorkerOptions _worker;
    private readonly RetryPolicy _retryPolicy;
    private readonly string _workerId;
    private readonly IWorkQueue _queue;
    private readonly IWorkAvailableSignal _workAvailable;
    private readonly BotPauseSource? _pauses;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<QueueConsumer> _logger;
    private int _leaseFailing;
    private int _pausedLogged;

    public QueueConsumer(
        IBot bot,
        QueueOptions options,
        WorkerOptions worker,
        WorkerIdentity identity,
        IWorkQueue queue,
        IWorkAvailableSignal workAvailable,
        IServiceScopeFactory scopes,
        InFlightTracker inFlight,
        TimeProvider timeProvider,
        ILogger<QueueConsumer> logger,
        BotPauseSource? pauses = null)
    {
        ArgumentNullException.ThrowIfNull(bot);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(inFlight);
        _botName = bot.Name;
        _queueName = bot.Queue;
        _options = options;
        _worker = worker;
        _retryPolicy = new RetryPolicy(options.MaxAttempts, options.BaseDelay, options.MaxDelay);
        _workerId = identity.Id;
        _queue = queue;
        _workAvailable = workAvailable;
        _pauses = pauses;
        _scopes = scopes;
        _timeProvider = timeProvider;
        _logger = logger;
        inFlight.Register(_queueName, () => _held.Count);
    }

    public string Queue => _queueName;

    public int Held => _held.Count;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Items in flight keep going after stoppingToken, until the shutdown grace period runs out.
        using var processing = new CancellationTokenSource();
        using var onStop = stoppingToken.Register(() => processing.CancelAfter(_worker.ShutdownTimeout));
        using var renewalStop = new CancellationTokenSource();
        var renewal = RenewLeasesAsync(renewalStop.Token);
        _logger.LogInformation(
            "Consuming queue {Queue} with bot {Bot}: {Concurrency} loop(s), batches of {BatchSize}, worker {WorkerId}",
            _queueName, _botName, _options.Concurrency, _options.BatchSize, _workerId);
        try
        {
            var loops = Enumerable.Range(0, _options.Concurrency)
                .Select(_ => Task.Run(() => ConsumeAsync(stoppingToken, processing.Token), CancellationToken.None));
            await Task.WhenAll(loops);
        }
        finally
        {
            await renewalStop.CancelAsync();
            await renewal;
            await ReleaseHeldAsync();
        }
    }

    private async Task ConsumeAsync(CancellationToken stoppingToken, CancellationToken processingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            IReadOnlyList<WorkItem> batch;
            try
            {
                if (await IsPausedAsync(stoppingToken))
                {
                    // Not the work-available signal: an enqueue must not wake a paused bot; the pause is re-read
                    // once the source's cache has aged.
                    await Task.Delay(_pauses!.CacheDuration, _timeProvider, stoppingToken);
                    continue;
                }

                // Not cancelled by shutdown: a lease taken in the store must come back here to be released.
                batch = await _queue.LeaseAsync(_queueName, _workerId, _options.BatchSize, _worker.LeaseDuration, CancellationToken.None);
                foreach (var item in batch)
                {
                    _held[item.Id] = new HeldItem(item.Reference);
                }

                if (Interlocked.Exchange(ref _leaseFailing, 0) == 1)
                {
                    _logger.LogWarning("Leasing from queue {Queue} works again", _queueName);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // An outage fails every loop at every poll: report it once per outage, not once per try.
                if (Interlocked.Exchange(ref _leaseFailing, 1) == 0)
                {
                    _logger.LogError(exception, "Leasing from queue {Queue} failed; trying again every {PollInterval} until it works", _queueName, _options.PollInterval);
                }
                else
                {
                    _logger.LogDebug(exception, "Leasing from queue {Queue} failed again", _queueName);
                }

                batch = [];
            }

            if (batch.Count == 0)
            {
                try
                {
                    await _workAvailable.WaitAsync(_queueName, _options.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            for (var i = 0; i < batch.Count; i++)
            {
                if (stoppingToken.IsCancellationRequested || processingToken.IsCancellationRequested)
                {
                    break;
                }

                if (await IsPausedSafeAsync(stoppingToken))
                {
                    await ReleaseAsync(batch.Skip(i), PausedReleaseReason);
                    break;
                }

                await ProcessAsync(batch[i], processingToken);
            }
        }
    }

    /// <summary>Whether the bot is paused now; logs each change once per consumer, not once per loop and poll.</summary>
    private async ValueTask<bool> IsPausedAsync(CancellationToken cancellationToken)
    {
        if (_pauses is null)
        {
            return false;
        }

        var pause = await _pauses.FindAsync(_botName, cancellationToken);
        if (pause is not null && Interlocked.Exchange(ref _pausedLogged, 1) == 0)
        {
            _logger.LogWarning(
                "Bot {Bot} is paused by {PausedBy} since {PausedAt}: not taking items from {Queue}",
                _botName, pause.PausedBy, pause.PausedAt, _queueName);
        }
        else if (pause is null && Interlocked.Exchange(ref _pausedLogged, 0) == 1)
        {
            _logger.LogInformation("Bot {Bot} is resumed: taking items from {Queue} again", _botName, _queueName);
        }

        return pause is not null;
    }

    /// <summary>
    /// <see cref="IsPausedAsync"/> between the items of a batch already held: if the pause cannot be read, the items
    /// are worked as leased (the next lease will see the failure).
    /// </summary>
    private async ValueTask<bool> IsPausedSafeAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await IsPausedAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _logger.LogDebug(exception, "Reading whether bot {Bot} is paused failed; working the items held", _botName);
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task ProcessAsync(WorkItem item, CancellationToken processingToken)
    {
        if (!_held.TryGetValue(item.Id, out var held))
        {
            return;
        }

        using var itemToken = CancellationTokenSource.CreateLinkedTokenSource(processingToken, held.LeaseLost.Token);
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var bot = scope.ServiceProvider.GetServices<IBot>().First(b => string.Equals(b.Name, _botName, StringComparison.Ordinal));
            var runner = scope.ServiceProvider.GetRequiredService<BotRunner>();
            await runner.RunAsync(bot, item, _workerId, _retryPolicy, itemToken.Token);
            Drop(item.Id);
        }
        catch (OperationCanceledException) when (held.LeaseLost.IsCancellationRequested)
        {
            _logger.LogWarning("Stopped item {Reference} in {Queue}: its lease was lost", item.Reference, _queueName);
            Drop(item.Id);
        }
        catch (OperationCanceledException) when (processingToken.IsCancellationRequested)
        {
            _logger.LogWarning(
                "Item {Reference} in {Queue} did not finish within the shutdown timeout; its lease will be released",
                item.Reference, _queueName);
        }
        catch (Exception exception)
        {
            // The runner records faults itself; reaching here means the store failed too. Try once to record
            // it; if that fails, let the lease lapse so another worker takes the item.
            _logger.LogError(exception, "Unexpected fault running item {Reference} in {Queue}", item.Reference, _queueName);
            try
            {
                await _queue.FailSystemAsync(item.Id, _workerId, $"{exception.GetType().Name}: {exception.Message}", _retryPolicy, CancellationToken.None);
            }
            catch (Exception recordFault)
            {
                _logger.LogError(recordFault, "Could not record the fault of item {Reference} in {Queue}; its lease will lapse", item.Reference, _queueName);
            }

            Drop(item.Id);
        }
    }

    private async Task RenewLeasesAsync(CancellationToken cancellationToken)
    {
        var interval = _worker.LeaseDuration / 3;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, _timeProvider, cancellationToken);
                var ids = _held.Keys.ToArray();
                if (ids.Length == 0)
                {
                    continue;
                }

                var lost = await _queue.RenewLeasesAsync(ids, _workerId, _worker.LeaseDuration, cancellationToken);
                foreach (var id in lost)
                {
                    if (_held.TryRemove(id, out var held))
                    {
                        _logger.LogWarning("Lease on item {Reference} in {Queue} was lost; stopping work on it", held.Reference, _queueName);
                        // Not disposed here: the item's loop may still be reading the token.
                        await held.LeaseLost.CancelAsync();
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                _logger.LogError(exception, "Renewing leases in queue {Queue} failed", _queueName);
            }
        }
    }

    /// <summary>Gives back items of a batch not yet started (the bot was paused meanwhile), so none waits for its lease to expire.</summary>
    private async Task ReleaseAsync(IEnumerable<WorkItem> items, string reason)
    {
        foreach (var item in items)
        {
            if (!_held.ContainsKey(item.Id))
            {
                continue;
            }

            try
            {
                await _queue.ReleaseAsync(item.Id, _workerId, reason, CancellationToken.None);
                _logger.LogInformation("Released item {Reference} in {Queue}: {Reason}", item.Reference, _queueName, reason);
            }
            catch (LeaseLostException)
            {
                _logger.LogInformation("Item {Reference} in {Queue} was no longer held", item.Reference, _queueName);
            }
            catch (Exception exception)
            {
                _logger.LogError(exception, "Could not release item {Reference} in {Queue}; its lease will lapse", item.Reference, _queueName);
            }

            Drop(item.Id);
        }
    }

    private async Task ReleaseHeldAsync()
    {
        foreach (var (id, held) in _held.ToArray())
        {
            try
            {
                await _queue.ReleaseAsync(id, _workerId, ReleaseReason, CancellationToken.None);
                _logger.LogInformation("Released item {Reference} in {Queue} on shutdown", held.Reference, _queueName);
            }
            catch (LeaseLostException)
            {
                _logger.LogInformation("Item {Reference} in {Queue} was no longer held at shutdown", held.Reference, _queueName);
            }
            catch (Exception exception)
            {
                _logger.LogError(exception, "Could not release item {Reference} in {Queue}; its lease will lapse", held.Reference, _queueName);
            }

            Drop(id);
        }
    }

    private void Drop(long id)
    {
        if (_held.TryRemove(id, out var held))
        {
            held.LeaseLost.Dispose();
        }
    }

    private sealed class HeldItem(string reference)
    {
        public string Reference { get; } = reference;

        public CancellationTokenSource LeaseLost { get; } = new();
    }
}
