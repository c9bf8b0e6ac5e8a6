using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Worker.Tests.Hosting;

[Trait("Category", "Integration")]
public sealed class ThresholdOverrideHostTests
{
    private const string Queue = "override-post";
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task RunningFleet_OverrideSetAndClearedInStore_DecisionFollowsWithoutRestart()
    {
        await using var fleet = await FleetTestHost.CreateAsync();
        var settings = fleet.BaseSettings();
        settings[$"Confidence:Bots:{Queue}:Categories:c"] = "0.95";
        settings[$"Queues:{Queue}:PollInterval"] = "00:00:00.2";
        using var host = fleet.Build(settings, new NinetyPercentBot());
        await host.StartAsync();

        var before = await RunOneAsync(fleet, "item-1");
        // As the portal or `fleet thresholds set` would: another connection to the same file.
        await fleet.Store.SetThresholdOverrideAsync(Queue, "c", 0.85, "ada", "test", None);
        await Task.Delay(Core.Confidence.ThresholdOverrideSource.DefaultCacheDuration + TimeSpan.FromMilliseconds(500));
        var overridden = await RunOneAsync(fleet, "item-2");
        await fleet.Store.ClearThresholdOverrideAsync(Queue, "c", "ada", "test", None);
        await Task.Delay(Core.Confidence.ThresholdOverrideSource.DefaultCacheDuration + TimeSpan.FromMilliseconds(500));
        var cleared = await RunOneAsync(fleet, "item-3");
        await host.StopAsync();

        Assert.Equal(WorkItemState.NeedsReview, before);
        Assert.Equal(WorkItemState.Completed, overridden);
        Assert.Equal(WorkItemState.NeedsReview, cleared);
    }

    private static async Task<WorkItemState> RunOneAsync(FleetTestHost fleet, string reference)
    {
        await fleet.Store.EnqueueAsync(new NewWorkItem(Queue, reference, "{}"), "test", None);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var item = await fleet.Store.FindAsync(reference, None);
            if (item!.State is WorkItemState.Completed or WorkItemState.NeedsReview)
            {
                return item.State;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{reference} is still {item.State}");
            await Task.Delay(100);
        }
    }

    private sealed class NinetyPercentBot : IBot
    {
        public string Name => Queue;

        public string Queue => ThresholdOverrideHostTests.Queue;

        public IReadOnlyList<IDeliveryStep> DeliverySteps => [];

        public Task<BotDecision> DecideAsync(BotInput input, CancellationToken cancellationToken) =>
            Task.FromResult(BotDecision.Propose("c", "{}", 0.9));
    }
}
