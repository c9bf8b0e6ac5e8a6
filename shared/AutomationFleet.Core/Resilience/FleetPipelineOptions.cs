namespace AutomationFleet.Core.Resilience;

/// <summary>
/// Settings of the named pipelines in <see cref="FleetPipelines"/>, bound from the <c>Resilience</c>
/// section (e.g. <c>Resilience:Mail:AttemptTimeout</c>). Every value has a default, so the section is optional.
/// </summary>
public sealed class FleetPipelineOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Resilience";

    /// <summary>
    /// <see cref="FleetPipelines.Delivery"/>: a generic receiving system (web hook, case-note API).
    /// Defaults: 3 retries from 1 s (cap 30 s), 30 s per attempt, breaker at 50% of 10+ attempts in 30 s, open 30 s.
    /// </summary>
    public PipelineOptions Delivery { get; set; } = new();

    /// <summary>
    /// <see cref="FleetPipelines.Mail"/>: SMTP/IMAP. Defaults: 4 retries from 2 s (cap 60 s), 60 s per attempt,
    /// breaker at 50% of 5+ attempts in 60 s, open 60 s.
    /// </summary>
    public PipelineOptions Mail { get; set; } = new()
    {
        MaxRetryAttempts = 4,
        RetryDelay = TimeSpan.FromSeconds(2),
        MaxRetryDelay = TimeSpan.FromSeconds(60),
        AttemptTimeout = TimeSpan.FromSeconds(60),
        MinimumThroughput = 5,
        SamplingDuration = TimeSpan.FromSeconds(60),
        BreakDuration = TimeSpan.FromSeconds(60),
    };

    /// <summary>
    /// <see cref="FleetPipelines.Web"/>: a legacy web system driven by a browser (slow, fragile).
    /// Defaults: 2 retries from 5 s (cap 60 s), 120 s per attempt, breaker at 50% of 5+ attempts in 120 s, open 120 s.
    /// </summary>
    public PipelineOptions Web { get; set; } = new()
    {
        MaxRetryAttempts = 2,
        RetryDelay = TimeSpan.FromSeconds(5),
        MaxRetryDelay = TimeSpan.FromSeconds(60),
        AttemptTimeout = TimeSpan.FromSeconds(120),
        MinimumThroughput = 5,
        SamplingDuration = TimeSpan.FromSeconds(120),
        BreakDuration = TimeSpan.FromSeconds(120),
    };

    /// <summary>
    /// <see cref="FleetPipelines.QueueHandoff"/>: enqueueing to another queue in the fleet's own store.
    /// Defaults: 5 retries from 200 ms (cap 5 s, rides out a busy database), 15 s per attempt, no breaker
    /// (the store is the fleet itself: if it is down nothing else works either).
    /// </summary>
    public PipelineOptions QueueHandoff { get; set; } = new()
    {
        MaxRetryAttempts = 5,
        RetryDelay = TimeSpan.FromMilliseconds(200),
        MaxRetryDelay = TimeSpan.FromSeconds(5),
        AttemptTimeout = TimeSpan.FromSeconds(15),
        UseCircuitBreaker = false,
    };

    /// <summary>
    /// <see cref="FleetPipelines.Imap"/>: one whole poll of an IMAP mailbox (connect, log in, read, enqueue, move).
    /// Defaults: 3 retries from 2 s (cap 60 s), 10 min per poll, breaker at 50% of 4+ attempts in 2 min, open 1 min.
    /// </summary>
    public PipelineOptions Imap { get; set; } = new()
    {
        MaxRetryAttempts = 3,
        RetryDelay = TimeSpan.FromSeconds(2),
        MaxRetryDelay = TimeSpan.FromSeconds(60),
        AttemptTimeout = TimeSpan.FromMinutes(10),
        MinimumThroughput = 4,
        SamplingDuration = TimeSpan.FromMinutes(2),
        BreakDuration = TimeSpan.FromMinutes(1),
    };

    /// <summary>
    /// <see cref="FleetPipelines.SmtpConnection"/>: connecting and logging in to the SMTP server (never the send itself).
    /// Defaults: 3 retries from 2 s (cap 60 s), 2 min per attempt, breaker at 50% of 4+ attempts in 2 min, open 1 min.
    /// </summary>
    public PipelineOptions SmtpConnection { get; set; } = new()
    {
        MaxRetryAttempts = 3,
        RetryDelay = TimeSpan.FromSeconds(2),
        MaxRetryDelay = TimeSpan.FromSeconds(60),
        AttemptTimeout = TimeSpan.FromMinutes(2),
        MinimumThroughput = 4,
        SamplingDuration = TimeSpan.FromMinutes(2),
        BreakDuration = TimeSpan.FromMinutes(1),
    };

    /// <summary>
    /// <see cref="FleetPipelines.StoreStartup"/>: reaching the database as a host starts. Defaults: 20 retries from 1 s
    /// (cap 15 s; about 4 minutes in all), 1 min per attempt, no breaker (nothing else is waiting on it).
    /// </summary>
    public PipelineOptions StoreStartup { get; set; } = new()
    {
        MaxRetryAttempts = 20,
        RetryDelay = TimeSpan.FromSeconds(1),
        MaxRetryDelay = TimeSpan.FromSeconds(15),
        AttemptTimeout = TimeSpan.FromMinutes(1),
        UseCircuitBreaker = false,
    };

    /// <summary>The settings of a pipeline by its name, or null for an unknown name.</summary>
    public PipelineOptions? For(string pipeline) => pipeline switch
    {
        FleetPipelines.Delivery => Delivery,
        FleetPipelines.Mail => Mail,
        FleetPipelines.Web => Web,
        FleetPipelines.QueueHandoff => QueueHandoff,
        FleetPipelines.Imap => Imap,
        FleetPipelines.SmtpConnection => SmtpConnection,
        FleetPipelines.StoreStartup => StoreStartup,
        _ => null,
    };
}
