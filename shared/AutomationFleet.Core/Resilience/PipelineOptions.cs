namespace AutomationFleet.Core.Resilience;

/// <summary>
/// Settings of one named pipeline: retry with exponential back-off and jitter, a circuit breaker,
/// and a timeout per attempt (outermost to innermost in that order). Checked by <see cref="FleetPipelineOptionsValidator"/>
/// alone, which names each pipeline's path (data-annotation attributes here would never run: the options are nested).
/// </summary>
public sealed class PipelineOptions
{
    /// <summary>Retries after the first attempt, 0 to 20; 0 disables retry.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Delay before the first retry; doubles each retry, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of any retry delay.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for one attempt; the step's token is cancelled when it passes.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether the pipeline has a circuit breaker.</summary>
    public bool UseCircuitBreaker { get; set; } = true;

    /// <summary>Share of failed attempts within <see cref="SamplingDuration"/> that opens the circuit, 0.01 to 1.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Attempts needed within <see cref="SamplingDuration"/> before the ratio is judged, 2 to 10,000.</summary>
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>The window in which failures are counted.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit stays open before a trial attempt.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
