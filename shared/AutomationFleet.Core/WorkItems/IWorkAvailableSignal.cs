namespace AutomationFleet.Core.WorkItems;

/// <summary>
/// Wakes an idle queue consumer when work may have arrived, so it need not poll hard. A store that can push (PostgreSQL's
/// <c>LISTEN/NOTIFY</c>) implements it; one that cannot uses <see cref="PollingWorkAvailableSignal"/>, which just waits.
/// A signal is a hint, never a promise: a consumer still leases (and may find nothing), and still polls at its interval,
/// so a missed signal delays work by at most one interval and never strands it.
/// </summary>
public interface IWorkAvailableSignal
{
    /// <summary>
    /// Waits until work may be available in <paramref name="queue"/> (an item was enqueued, released or replayed there)
    /// or <paramref name="max"/> has passed, whichever comes first.
    /// </summary>
    /// <param name="queue">The queue the caller consumes.</param>
    /// <param name="max">The longest wait: the caller's poll interval.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>True when woken by a signal; false when <paramref name="max"/> passed.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<bool> WaitAsync(string queue, TimeSpan max, CancellationToken cancellationToken);
}
