namespace AutomationFleet.Queue.Benchmarks;

/// <summary>The shape of one comparison.</summary>
/// <param name="Store">Which store both sides use: <c>sqlite</c> or <c>postgres</c>.</param>
/// <param name="Items">Items (jobs) per side per consumer count.</param>
/// <param name="Consumers">The consumer counts to measure, in order (fleet consumers = Hangfire <c>WorkerCount</c>).</param>
/// <param name="Runs">How many times to measure the whole set.</param>
/// <param name="BatchSize">Items per fleet lease call, as <c>fleet bench queue</c> (64).</param>
/// <param name="Synchronous">The SQLite <c>synchronous</c> setting; by default each store as it ships.</param>
/// <param name="HangfirePollInterval">Hangfire's storage's <c>QueuePollInterval</c> (both Hangfire storages have one).</param>
public sealed record PeerBenchmarkSettings(
    string Store,
    int Items,
    IReadOnlyList<int> Consumers,
    int Runs,
    int BatchSize,
    SynchronousSetting Synchronous,
    TimeSpan HangfirePollInterval)
{
    /// <summary>PostgreSQL only: a server to use (its account may create databases); null starts a throw-away one.</summary>
    public string? Connection { get; init; }

    /// <summary>PostgreSQL only: the worker-process counts to measure after the consumer counts (none by default).</summary>
    public IReadOnlyList<int> Processes { get; init; } = [];

    public IReadOnlyList<string> Validate()
    {
        var failures = new List<string>();
        if (Store is not ("sqlite" or "postgres"))
        {
            failures.Add($"--store {Store}: use sqlite or postgres.");
        }

        if (Store != "postgres" && Connection is not null)
        {
            failures.Add("--connection is for --store postgres.");
        }

        if (Store != "postgres" && Processes.Count > 0)
        {
            failures.Add("--processes needs --store postgres: worker processes on one SQLite file are not what the fleet runs.");
        }

        if (Processes.Any(p => p < 1))
        {
            failures.Add("--processes takes a list of counts of at least 1, such as 1,2,4.");
        }

        if (Store == "postgres" && Synchronous != SynchronousSetting.StoreDefault)
        {
            failures.Add("--synchronous is a SQLite setting; on PostgreSQL both sides share one server and its settings.");
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
            failures.Add("--hangfire-poll-ms must be more than 0 (Hangfire's storages refuse 0).");
        }

        return failures;
    }
}
