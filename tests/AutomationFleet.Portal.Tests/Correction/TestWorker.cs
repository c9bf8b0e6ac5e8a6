using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Confidence;
using AutomationFleet.Core.Resilience;
using AutomationFleet.Core.Running;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly.Registry;

namespace AutomationFleet.Portal.Tests.Correction;

/// <summary>
/// The real <see cref="BotRunner"/> over a test store, run as a worker of the fleet runs it: every fleet pipeline (no
/// circuit breakers, so one test's faults cannot open them for the next) and a fixed confidence configuration.
/// </summary>
public sealed class TestWorker
{
    private const string WorkerId = "test-worker";
    private static readonly RetryPolicy Retry = new(3, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

    private readonly SqliteFleetStore _store;
    private readonly IBot _bot;
    private readonly BotRunner _runner;

    public TestWorker(SqliteFleetStore store, IBlobStore blobs, IBot bot, ConfidenceOptions confidence)
    {
        _store = store;
        _bot = bot;
        var pipelines = new ResiliencePipelineRegistry<string>();
        foreach (var name in FleetPipelines.All)
        {
            pipelines.TryAddBuilder(name, (builder, _) => FleetPipelines.Configure(builder, new PipelineOptions { UseCircuitBreaker = false }));
        }

        _runner = new BotRunner(
            store, store, blobs, new ConfidencePolicy(new FixedOptionsMonitor<ConfidenceOptions>(confidence)), pipelines, NullLogger<BotRunner>.Instance);
    }

    /// <summary>Leases the bot's one New item and runs it through the runner and the bot, as a worker does.</summary>
    public async Task<RunResult> RunNextAsync()
    {
        var leased = Assert.Single(await _store.LeaseAsync(_bot.Queue, WorkerId, 1, TimeSpan.FromMinutes(5), CancellationToken.None));
        return await _runner.RunAsync(_bot, leased, WorkerId, Retry, CancellationToken.None);
    }

    private sealed class FixedOptionsMonitor<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
