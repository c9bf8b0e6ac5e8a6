namespace AutomationFleet.Queue.Benchmarks;

/// <summary>The shape of one comparison.</summary>
/// <param name="Store">Which store both sides use: <c>sqlite</c> (PostgreSQL to come).</param>
/// <param name="Items">Items (jobs) per side per consumer count.</param>
/// <param name="Consumers">The consumer counts to measure, in order (fleet consumers = Hangfire <c>WorkerCount</c>).</param>
/// <param name="Runs">How many times to measure the whole set.</param>
/// <param name="BatchSize">Items per fleet lease call, as <c>fleet bench queue</c> (64).</param>
/// <param name="Synchronous">The SQLite <c>synchronous</c> setting; by default each store as it ships.</param>
/// <param name="HangfirePollInterval">Hangfire.Storage.SQLite's <c>QueuePollInterval</c>.</param>
public sealed record PeerBenchmarkSettings(
    string Store,
    int Items,
    IReadOnlyList<int> Consumers,
    int Runs,
    int BatchSize,
    SynchronousSetting Synchronous,
    TimeSpan HangfirePollInterval)
{
    public IReadOnlyList<string> Validate()
    {
        var failures = new List<string>();
        if (Store != "sqlite")
        {
            failures.Add($"--store {Store}: only sqlite is built; the fleet's PostgreSQL store is still being written (issue 12).");
        }

        if (Items < 1)
        {
            failures.Add("--items must be at least 1.");
        }

        if (Consumers.Count == 0 || Consumers.Any(c => c < 1))
        {
            failures.Add("--consumers takes a list of counts of at least 1, such as 1,2,4.");
        }

        if (Runs < 1)
        {
            failures.Add("--runs must be at least 1.");
        }

        if (BatchSize < 1)
        {
            failures.Add("--batch-size must be at least 1.");
        }

        if (HangfirePollInterval <= TimeSpan.Zero)
        {
            failures.Add("--hangfire-poll-ms must be more than 0 (Hangfire.Storage.SQLite refuses 0).");
        }

        return failures;
    }
}
