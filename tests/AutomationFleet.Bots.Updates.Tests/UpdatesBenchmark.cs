using System.Diagnostics;
using AutomationFleet.Core.Running;
using AutomationFleet.Core.WorkItems;
using Xunit.Abstractions;

namespace AutomationFleet.Bots.Updates.Tests;

/// <summary>
/// What updates add to an item's processing, on one SQLite store in one run: the same items through the real runner
/// without updates and with four touch points each (raised, then sent by the updates bot into the outbox folder). Prints
/// <c>benchmark:</c> lines; asserts only that every item and update completed, never a time.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class UpdatesBenchmark(ITestOutputHelper output)
{
    private const int Items = 300;

    [Fact]
    public async Task Benchmark_ItemsWithAndWithoutUpdates_PrintsMillisecondsPerItem()
    {
        await using var kit = new UpdatesTestKit(mail: null, dailyCap: 100);
        await kit.InitializeAsync();
        var runner = kit.Runner();
        var plain = new Core.Running.BotRunner(kit.Store, kit.Store, new Storage.Sqlite.FileBlobStore(Path.Combine(kit.Root, "blobs")),
            new Core.Confidence.ConfidencePolicy(new StaticMonitor()), Connectors.Tests.Mail.TestResilience.Create(Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Core.Running.BotRunner>.Instance);
        var retry = new RetryPolicy(3, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

        async Task<TimeSpan> RunAsync(BotRunner with, string prefix, bool drain)
        {
            for (var i = 0; i < Items; i++)
            {
                await kit.EnqueueFormAsync($"{prefix}-{i}", $"p{i}@example.org");
            }

            var clock = Stopwatch.StartNew();
            for (var i = 0; i < Items; i++)
            {
                var leased = Assert.Single(await kit.Store.LeaseAsync("forms", "bench", 1, TimeSpan.FromMinutes(5), CancellationToken.None));
                Assert.Equal(RunResult.Completed, await with.RunAsync(kit.Forms, leased, "bench", retry, CancellationToken.None));
            }

            if (drain)
            {
                Assert.All(await kit.DrainUpdatesAsync(), r => Assert.Equal(RunResult.Completed, r));
            }

            return clock.Elapsed;
        }

        await RunAsync(runner, "warm", drain: true);
        var without = await RunAsync(plain, "without", drain: false);
        var with = await RunAsync(runner, "with", drain: true);

        var perItemWithout = without.TotalMilliseconds / Items;
        var perItemWith = with.TotalMilliseconds / Items;
        output.WriteLine($"benchmark: updates items={Items} touch-points=4 without={perItemWithout:F2} ms/item with={perItemWith:F2} ms/item added={perItemWith - perItemWithout:F2} ms/item");
        Assert.Equal(4 * Items * 2, Directory.GetFiles(kit.Options.OutboxFolder).Length);
    }

    private sealed class StaticMonitor : Microsoft.Extensions.Options.IOptionsMonitor<Core.Confidence.ConfidenceOptions>
    {
        public Core.Confidence.ConfidenceOptions CurrentValue { get; } = new();

        public Core.Confidence.ConfidenceOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<Core.Confidence.ConfidenceOptions, string?> listener) => null;
    }
}
