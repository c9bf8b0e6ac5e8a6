namespace AutomationFleet.Core.WorkItems;

/// <summary>
/// The signal of a store that cannot push (SQLite): never wakes early, so a consumer sleeps its whole poll interval on
/// <see cref="TimeProvider"/>, exactly as it did before signals existed.
/// </summary>
/// <param name="timeProvider">The clock the wait runs on (a fake one in tests).</param>
public sealed class PollingWorkAvailableSignal(TimeProvider timeProvider) : IWorkAvailableSignal
{
    /// <inheritdoc />
    public async Task<bool> WaitAsync(string queue, TimeSpan max, CancellationToken cancellationToken)
    {
        await Task.Delay(max, timeProvider, cancellationToken);
        return false;
    }
}
