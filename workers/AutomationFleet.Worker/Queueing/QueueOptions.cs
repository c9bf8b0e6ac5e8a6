namespace AutomationFleet.Worker.Queueing;

/// <summary>
/// How one queue is consumed: named options, one per queue under <c>Queues:{queue}</c>. A bot whose queue
/// is not configured runs with these defaults. Checked by <see cref="QueueOptionsValidator"/>.
/// </summary>
public sealed class QueueOptions
{
    public const string SectionName = "Queues";

    /// <summary>Consumer loops working this queue in parallel. Default 1, at most 64.</summary>
    public int Concurrency { get; set; } = 1;

    /// <summary>Items each loop leases at a time. Default 10.</summary>
    public int BatchSize { get; set; } = 10;

    /// <summary>
    /// Longest a loop waits when the queue is empty. Default 1 s. On PostgreSQL a notification wakes it sooner (an item
    /// enqueued, released or replayed), so this is only the safety net; on SQLite it is the polling rate.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts before a faulting item is dead-lettered. Default 5.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Back-off after the first fault, doubled per attempt, with jitter. Default 10 s.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest back-off. Default 30 min.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(30);
}
