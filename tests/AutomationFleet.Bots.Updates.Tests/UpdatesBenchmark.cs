using System.Diagnostics;
using AutomationFleet.Core.Running;
using AutomationFleet.Core.WorkItems;
using Xunit.Abstractions;

namespace AutomationFleet.Bots.Updates.Tests;

/// <summary>
/// What updates add to an item's processing, on one SQLite store in one run: the same items through the real runner
/// without updates and with four touch points each (raised, then sent by the updates bot into the outbox folder, each
/// file and its folder synced). The updates are sent as the worker's consumer sends them: loops that each lease a batch
/// and run its items one by one, once with one loop and once with the loops <c>./fleet.sh run</c> gives the updates
/// queue (<see cref="ShippedLoops"/> × <see cref="ShippedBatch"/>). Prints <c>benchmark:</c> lines with the time spent
/// raising (on the item's own path) and sending; asserts only that every item and update completed, never a time.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class UpdatesBenchmark(ITestOutputHelper output)
{
    private const int Items = 300;
    private const int ShippedLoops = 4;
    private const int ShippedBatch = 8;
    private static readonly RetryPolicy Retry = new(3, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

    [Fact]
    public async Task Benchmark_ItemsWithAndWithoutUpdates_PrintsMillisecondsPerItem()
    {
        await using var kit = new UpdatesTestKit(mail: null, dailyCap: 100);
        await kit.InitializeAsync();
        var runner = kit.Runner();
        var plain = new BotRunner(kit.Store, kit.Store, new Storage.Sqlite.FileBlobStore(Path.Combine(kit.Root, "blobs")),
            new Core.Confidence.ConfidencePolicy(new StaticMonitor()), Connectors.Tests.Mail.TestResilience.Create(Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<BotRunner>.Instance);

        async Task<(double Raise, double Send)> RunAsync(BotRunner with, string prefix, int loops)
        {
            for (var i = 0; i < Items; i++)
            {
                await kit.EnqueueFormAsync($"{prefix}-{i}", $"p{i}@example.org");
            }

            var clock = Stopwatch.StartNew();
            for (var i = 0; i < Items; i++)
            {
                var leased = Assert.Single(await kit.Store.LeaseAsync("forms", "bench", 1, TimeSpan.FromMinutes(5), CancellationToken.None));
                Assert.Equal(RunResult.Completed, await with.RunAsync(kit.Forms, leased, "bench", Retry, CancellationToken.None));
            }

            var raised = clock.Elapsed;
            if (loops > 0)
            {
                var sent = await Task.WhenAll(Enumerable.Range(0, loops).Select(n => Task.Run(() => ConsumeUpdatesAsync(kit, runner, $"bench-{n}"))));
                Assert.Equal(4 * Items, sent.Sum());
            }

            return (raised.TotalMilliseconds / Items, (clock.Elapsed - raised).TotalMilliseconds / Items);
        }

        await RunAsync(runner, "warm", ShippedLoops);
        var without = await RunAsync(plain, "without", loops: 0);
        var oneLoop = await RunAsync(runner, "one", loops: 1);
        var shipped = await RunAsync(runner, "shipped", ShippedLoops);

        output.WriteLine($"benchmark: updates items={Items} touch-points=4 without={without.Raise:F2} ms/item");
        Print("1 loop", without.Raise, oneLoop);
        Print($"{ShippedLoops} loops x {ShippedBatch}", without.Raise, shipped);
        Assert.Equal(4 * Items * 3, Directory.GetFiles(kit.Options.OutboxFolder).Length);
    }

    private void Print(string sending, double without, (double Raise, double Send) with) =>
        output.WriteLine(
            $"benchmark: updates sent by {sending}: with={with.Raise + with.Send:F2} ms/item (raise {with.Raise:F2}, send {with.Send:F2}) " +
            $"added={with.Raise + with.Send - without:F2} ms/item, of which on the item's own path {with.Raise - without:F2}");

    // What the worker's queue consumer does with the updates queue: lease a batch, run each item, until none is left.
    private static async Task<int> ConsumeUpdatesAsync(UpdatesTestKit kit, BotRunner runner, string worker)
    {
        var done = 0;
        while (await kit.Store.LeaseAsync(kit.Options.Queue, worker, ShippedBatch, TimeSpan.FromMinutes(5), CancellationToken.None) is { Count: > 0 } batch)
        {
            foreach (var item in batch)
            {
                Assert.Equal(RunResult.Completed, await runner.RunAsync(kit.UpdatesBot, item, worker, Retry, CancellationToken.None));
                done++;
            }
        }

        return done;
    }

    private sealed class StaticMonitor : Microsoft.Extensions.Options.IOptionsMonitor<Core.Confidence.ConfidenceOptions>
    {
        public Core.Confidence.ConfidenceOptions CurrentValue { get; } = new();

        public Core.Confidence.ConfidenceOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<Core.Confidence.ConfidenceOptions, string?> listener) => null;
    }
}
