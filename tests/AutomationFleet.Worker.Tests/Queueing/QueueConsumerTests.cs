using AutomationFleet.Core.WorkItems;
using AutomationFleet.Worker.Tests.Hosting;
using Microsoft.Extensions.Hosting;

namespace AutomationFleet.Worker.Tests.Queueing;

public sealed class QueueConsumerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    [Trait("Category", "Integration")]
    public async Task StopAsync_ItemsInFlight_ReleasesEveryLeaseWithAuditReason()
    {
        await using var fleet = await FleetTestHost.CreateAsync();
        for (var i = 0; i < 6; i++)
        {
            await fleet.Store.EnqueueAsync(new NewWorkItem("slow", $"S-{i}", "{}"), "test", CancellationToken.None);
        }

        var settings = fleet.BaseSettings();
        settings["Worker:ShutdownTimeout"] = "00:00:00.5";
        settings["Queues:slow:Concurrency"] = "2";
        settings["Queues:slow:BatchSize"] = "3";
        var bot = new TestBot("slow", TimeSpan.FromSeconds(60));
        using var host = fleet.Build(settings, bot);
        await host.StartAsync();
        await WaitUntilAsync(() => Task.FromResult(bot.StepsStarted >= 2));

        await host.StopAsync();

        var items = await fleet.Store.ListAsync(WorkItemState.New, "slow", 100, CancellationToken.None);
        Assert.Equal(6, items.Count);
        Assert.All(items, item =>
        {
            Assert.Null(item.LeaseOwner);
            Assert.Null(item.LeaseExpiresAt);
        });
        foreach (var item in items)
        {
            var trail = await fleet.Store.GetAuditTrailAsync(item.Id, CancellationToken.None);
            var last = trail[^1];
            Assert.Equal(WorkItemState.InProgress, last.From);
            Assert.Equal(WorkItemState.New, last.To);
            Assert.Contains("worker shutting down", last.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ExecuteAsync_BotThrowsOnOneItem_OtherItemsStillComplete()
    {
        await using var fleet = await FleetTestHost.CreateAsync();
        for (var i = 0; i < 10; i++)
        {
            await fleet.Store.EnqueueAsync(new NewWorkItem("work", $"W-{i}", "{}"), "test", CancellationToken.None);
        }

        var settings = fleet.BaseSettings();
        settings["Queues:work:BatchSize"] = "4";
        settings["Queues:work:PollInterval"] = "00:00:00.05";
        settings["Queues:work:BaseDelay"] = "00:10:00";
        settings["Queues:work:MaxDelay"] = "00:10:00";
        using var host = fleet.Build(settings, new TestBot("work", TimeSpan.Zero, throwFor: "W-1"));
        await host.StartAsync();

        await WaitUntilAsync(async () =>
            (await fleet.Store.ListAsync(WorkItemState.Completed, "work", 100, CancellationToken.None)).Count == 9);
        await host.StopAsync();

        var failed = await fleet.Store.FindAsync("W-1", CancellationToken.None);
        Assert.Equal(WorkItemState.Retrying, failed!.State);
        Assert.Contains("test bot fault", failed.LastError, StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var started = DateTime.UtcNow;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow - started < Deadline, "Timed out waiting for the host.");
            await Task.Delay(50);
        }
    }
}
