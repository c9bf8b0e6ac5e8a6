namespace AutomationFleet.Core.WorkItems;

/// <summary>
/// Exponential back-off with full jitter for items that hit a system fault, and the point at
/// which they are dead-lettered. Delay before attempt n+1 is a random value in
/// [BaseDelay * 2^(n-1) / 2, BaseDelay * 2^(n-1)], capped at <see cref="MaxDelay"/>.
/// </summary>
/// <param name="MaxAttempts">Attempts (including the first) before the item is dead-lettered. Default 5.</param>
/// <param name="BaseDelay">Delay after the first failure, before jitter. Default 10 s.</param>
/// <param name="MaxDelay">Upper bound of any delay. Default 30 min.</param>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    /// <summary>5 attempts, 10 s base, 30 min cap.</summary>
    public static RetryPolicy Default { get; } = new(5, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(30));

    /// <summary>Whether an item that has made <paramref name="attempts"/> attempts is out of them.</summary>
    public bool IsExhausted(int attempts) => attempts >= MaxAttempts;

    /// <summary>The delay after failed attempt number <paramref name="attempts"/> (1-based).</summary>
    /// <param name="attempts">Attempts made so far, at least 1.</param>
    /// <param name="jitter">A value in [0, 1): 0 gives half the exponential delay, 1 the whole of it.</param>
    public TimeSpan DelayAfter(int attempts, double jitter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        var exponent = Math.Min(attempts - 1, 30);
        var ceiling = Math.Min(BaseDelay.TotalMilliseconds * Math.Pow(2, exponent), MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (0.5 * Math.Clamp(jitter, 0, 1))));
    }
}
