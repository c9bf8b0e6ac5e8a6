using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Resilience;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Worker.Tests.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace AutomationFleet.Worker.Tests.Queueing;

/// <summary>
/// A bot paused in the store (as the portal or <c>fleet bots pause</c> would, from another process) stops the consumers
/// and a resume starts them again. The host runs on a <see cref="FakeTimeProvider"/>, so the pause source's cache and the
/// consumer's waits move only when the test moves the clock.
/// </summary>
[Trait("Category", "Integration")]
public sealed class QueueConsumerPauseTests
{
    private const string Queue = "pausable";
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ExecuteAsync_BotPaused_LeasesNothingUntilResumed()
    {
        await using var fleet = await FleetTestHost.CreateAsync();
        await fleet.Store.PauseBotAsync(Queue, "ada", "supplier outage", None);
        for (var i = 0; i < 3; i++)
        {
            await fleet.Store.EnqueueAsync(new NewWorkItem(Queue, $"P-{i}", "{}"), "test", None);
        }

        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = Settings(fleet);
        using var host = fleet.Build(settings, clock, new TestBot(Queue, TimeSpan.Zero));
        await host.StartAsync();

        // Ten seconds of fake time: five times the pause source's cache and fifty poll intervals.
        for (var i = 0; i < 20; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(25);
        }

        var whilePaused = await fleet.Store.ListAsync(WorkItemState.New, Queue, 10, None);
        await fleet.Store.ResumeBotAsync(Queue, "ada", "supplier back", None);
        await AdvanceUntilAsync(clock, async () => (await fleet.Store.ListAsync(WorkItemState.Completed, Queue, 10, None)).Count == 3);
        await host.StopAsync();

        Assert.Equal(3, whilePaused.Count);
        Assert.All(whilePaused, item => Assert.Equal(0, item.Attempts));
    }

    [Fact]
    public async Task ExecuteAsync_PausedWhileABatchIsHeld_FinishesTheItemInHandAndReleasesTheRest()
    {
        await using var fleet = await FleetTestHost.CreateAsync();
        for (var i = 0; i < 3; i++)
        {
            await fleet.Store.EnqueueAsync(new NewWorkItem(Queue, $"B-{i}", "{}"), "test", None);
        }

        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = Settings(fleet);
        settings[$"Queues:{Queue}:BatchSize"] = "3";
        var bot = new GatedBot();
        using var host = fleet.Build(settings, clock, bot);
        await host.StartAsync();
        await AdvanceUntilAsync(clock, () => Task.FromResult(bot.Started == 1));

        await fleet.Store.PauseBotAsync(Queue, "ada", "stop now", None);
        clock.Advance(BotPauseSource.DefaultCacheDuration);
        bot.Open();
        await AdvanceUntilAsync(clock, async () => (await fleet.Store.ListAsync(WorkItemState.New, Queue, 10, None)).Count == 2);
        await host.StopAsync();

        Assert.Equal(1, bot.Started);
        Assert.Single(await fleet.Store.ListAsync(WorkItemState.Completed, Queue, 10, None));
        foreach (var item in await fleet.Store.ListAsync(WorkItemState.New, Queue, 10, None))
        {
            var last = (await fleet.Store.GetAuditTrailAsync(item.Id, None))[^1];
            Assert.Equal((WorkItemState.InProgress, WorkItemState.New, "bot paused"), (last.From, last.To, last.Reason));
            Assert.Equal(0, item.Attempts);
        }
    }

    private static Dictionary<string, string?> Settings(FleetTestHost fleet)
    {
        var settings = fleet.BaseSettings();
        settings[$"Queues:{Queue}:PollInterval"] = "00:00:00.2";
        return settings;
    }

    /// <summary>Moves the fake clock in small steps, with real time between for the host's loops, until the condition holds.</summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider clock, Func<Task<bool>> condition)
    {
        var started = DateTime.UtcNow;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow - started < Deadline, "Timed out waiting for the consumers.");
            clock.Advance(TimeSpan.FromMilliseconds(200));
            await Task.Delay(25);
        }
    }

    /// <summary>A bot whose delivery waits until the test opens the gate.</summary>
    private sealed class GatedBot : IBot, IDeliveryStep
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _started;

        public string Name => Queue;

        public string Queue => QueueConsumerPauseTests.Queue;

        public IReadOnlyList<IDeliveryStep> DeliverySteps => [this];

        public int Started => Volatile.Read(ref _started);

        string IDeliveryStep.Name => "note";

        public bool IsIdempotent => true;

        public string Pipeline => FleetPipelines.Delivery;

        public void Open() => _gate.TrySetResult();

        public Task<BotDecision> DecideAsync(BotInput input, CancellationToken cancellationToken) =>
            Task.FromResult(BotDecision.Propose("c", "{}", 1.0));

        public async Task<string?> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _started);
            await _gate.Task.WaitAsync(cancellationToken);
            return null;
        }
    }
}
