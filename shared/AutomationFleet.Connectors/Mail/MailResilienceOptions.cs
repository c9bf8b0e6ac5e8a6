namespace AutomationFleet.Connectors.Mail;

/// <summary>
/// How mail connections are retried and broken off. Bound from the <c>Mail:Resilience</c> section.
/// Used only until the fleet's named pipeline "mail" takes over (see <see cref="MailResilience"/>).
/// </summary>
public sealed class MailResilienceOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Mail:Resilience";

    /// <summary>Retries after a transient failure (connection refused or dropped, timeout, auth failure). Default 3.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Delay before the first retry; doubles each time, with jitter. Default 2 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Upper bound of a retry delay. Default 1 min.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Share of failed attempts within <see cref="SamplingDuration"/> that opens the circuit. Default 0.5.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Attempts needed within <see cref="SamplingDuration"/> before the circuit may open. Default 4.</summary>
    public int MinimumThroughput { get; set; } = 4;

    /// <summary>The window failures are counted over. Default 2 min.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long an open circuit refuses to connect before trying again. Default 1 min.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromMinutes(1);
}
