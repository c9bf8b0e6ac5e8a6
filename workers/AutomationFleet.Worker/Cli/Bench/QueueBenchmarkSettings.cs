namespace AutomationFleet.Worker.Cli.Bench;

/// <summary>The shape of one queue benchmark run.</summary>
/// <param name="Items">Items per phase.</param>
/// <param name="Consumers">Concurrent consumers, each leasing batches like a worker's queue consumer.</param>
/// <param name="Producers">Concurrent enqueuers.</param>
/// <param name="BatchSize">Items per lease call.</param>
/// <param name="LeaseDuration">Lease (visibility timeout) per batch; long enough never to lapse in a healthy run.</param>
/// <param name="StallTimeout">Stop waiting for items that never come back after this long without progress.</param>
public sealed record QueueBenchmarkSettings(
    int Items, int Consumers, int Producers, int BatchSize, TimeSpan LeaseDuration, TimeSpan StallTimeout)
{
    public IReadOnlyList<string> Validate()
    {
        var failures = new List<string>();
        if (Items < 1)
        {
            failures.Add("--items must be at least 1.");
        }

        if (Consumers < 1)
        {
            failures.Add("--consumers must be at least 1.");
        }

        if (Producers < 1)
        {
            failures.Add("--producers must be at least 1.");
        }

        if (BatchSize < 1)
        {
            failures.Add("--batch-size must be at least 1.");
        }

        return failures;
    }
}
