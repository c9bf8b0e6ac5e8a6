using AutomationFleet.Core.WorkItems;
using AutomationFleet.Storage;
using AutomationFleet.Worker.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutomationFleet.Worker.Tests.Scheduling;

[Collection(QuartzCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SchedulingIntegrationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task EnqueueAsync_SameFireTimeTwice_EnqueuesOnce()
    {
        await using var db = await TempFleetDatabase.CreateAsync();
        var job = new EnqueueScheduledWorkJob(db.Store, NullLogger<EnqueueScheduledWorkJob>.Instance);
        var work = new ScheduledWork("retrain-classifier", "maintenance", "{\"task\":\"retrain\"}", 5, TimeSpan.FromHours(4));
        var fireTime = new DateTimeOffset(2026, 3, 3, 2, 30, 0, TimeSpan.Zero);

        var first = await job.EnqueueAsync(work, fireTime, CancellationToken.None);
        var second = await job.EnqueueAsync(work, fireTime, CancellationToken.None);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal("schedule:retrain-classifier:20260303T023000Z", first.Item.Reference);
        Assert.Equal(first.Item.Id, second.Item.Id);
        Assert.Equal(5, first.Item.Priority);
        Assert.Equal(fireTime.AddHours(4), first.Item.DueAt);
        var items = await db.Store.ListAsync(WorkItemState.New, "maintenance", 10, CancellationToken.None);
        Assert.Single(items);
        var audit = await db.Store.GetAuditTrailAsync(first.Item.Id, CancellationToken.None);
        Assert.Equal("scheduler:retrain-classifier", Assert.Single(audit).Actor);
    }

    [Fact]
    public async Task Host_EverySecondSchedule_EnqueuesOneItemPerFireTime()
    {
        await using var db = await TempFleetDatabase.CreateAsync();
        using (var host = BuildHost(db, ("tick", "* * * * * ?")))
        {
            await host.StartAsync();
            await WaitUntilAsync(async () => (await TickItemsAsync(db)).Count >= 2);
            await host.StopAsync();
        }

        var items = await TickItemsAsync(db);
        Assert.All(items, i => Assert.Matches("^schedule:tick:\\d{8}T\\d{6}Z$", i.Reference));
        Assert.Equal(items.Count, items.Select(i => i.Reference).Distinct().Count());
        Assert.All(items, i => Assert.Equal("{\"n\":\"1\"}", i.PayloadJson));
    }

    [Fact]
    public async Task ScheduleAdmin_FromCliProcessAgainstPersistentStore_PausesResumesTriggersAndPauseSurvivesRestart()
    {
        await using var db = await TempFleetDatabase.CreateAsync();
        // Far-off cron so only manual fires happen during the test.
        var schedules = new[] { ("retrain-classifier", "0 30 2 ? * *"), ("daily-digest", "0 0 7 ? * MON-FRI") };
        using (var host = BuildHost(db, schedules))
        {
            await host.StartAsync();
            await host.StopAsync();
        }

        var options = new SchedulingOptions();
        await using (var admin = await ScheduleAdmin.OpenAsync(SchedulerDatabase.Sqlite(db.Store.ConnectionString), options, CancellationToken.None))
        {
            var listed = await admin.ListAsync(CancellationToken.None);
            Assert.Equal(["daily-digest", "retrain-classifier"], listed.Select(s => s.Name));
            var retrain = listed.Single(s => s.Name == "retrain-classifier");
            Assert.Equal(ScheduleState.Normal, retrain.State);
            Assert.Equal("maintenance", retrain.Queue);
            Assert.Equal("0 30 2 ? * *", retrain.Cron);
            Assert.NotNull(retrain.NextFireTimeUtc);

            Assert.True(await admin.PauseAsync("retrain-classifier", "cli:test", CancellationToken.None));
            Assert.False(await admin.PauseAsync("retrain-classifier", "cli:test", CancellationToken.None));
            await Assert.ThrowsAsync<ScheduleNotFoundException>(() => admin.PauseAsync("no-such", "cli:test", CancellationToken.None));
            await Assert.ThrowsAsync<ScheduleNotFoundException>(() => admin.TriggerAsync("no-such", CancellationToken.None));
        }

        // Restart with an edited cron: the schedule is replaced but stays paused.
        using (var host = BuildHost(db, ("retrain-classifier", "0 45 2 ? * *"), ("daily-digest", "0 0 7 ? * MON-FRI")))
        {
            await host.StartAsync();
            var admin = host.Services.GetRequiredService<ScheduleAdmin>();
            var retrain = (await admin.ListAsync(CancellationToken.None)).Single(s => s.Name == "retrain-classifier");
            Assert.Equal(ScheduleState.Paused, retrain.State);
            Assert.Equal("0 45 2 ? * *", retrain.Cron);
            await host.StopAsync();
        }

        await using (var admin = await ScheduleAdmin.OpenAsync(SchedulerDatabase.Sqlite(db.Store.ConnectionString), options, CancellationToken.None))
        {
            Assert.True(await admin.ResumeAsync("retrain-classifier", CancellationToken.None));
            Assert.Equal(ScheduleState.Normal, (await admin.ListAsync(CancellationToken.None)).Single(s => s.Name == "retrain-classifier").State);
            await admin.TriggerAsync("daily-digest", CancellationToken.None);
        }

        // Nothing fired in the CLI process: the manual fire waits in the store for the host.
        Assert.Empty(await db.Store.ListAsync(WorkItemState.New, "maintenance", 10, CancellationToken.None));
        using (var host = BuildHost(db, ("retrain-classifier", "0 45 2 ? * *"), ("daily-digest", "0 0 7 ? * MON-FRI")))
        {
            await host.StartAsync();
            await WaitUntilAsync(async () => (await db.Store.ListAsync(WorkItemState.New, "maintenance", 10, CancellationToken.None)).Count > 0);
            await host.StopAsync();
        }

        var item = Assert.Single(await db.Store.ListAsync(WorkItemState.New, "maintenance", 10, CancellationToken.None));
        Assert.StartsWith("schedule:daily-digest:", item.Reference, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyAsync_ScheduleRemovedFromConfig_DeletedFromStore()
    {
        await using var db = await TempFleetDatabase.CreateAsync();
        using (var host = BuildHost(db, ("a", "0 0 1 ? * *"), ("b", "0 0 2 ? * *")))
        {
            await host.StartAsync();
            await host.StopAsync();
        }

        using (var host = BuildHost(db, ("a", "0 0 1 ? * *")))
        {
            await host.StartAsync();
            var listed = await host.Services.GetRequiredService<ScheduleAdmin>().ListAsync(CancellationToken.None);
            Assert.Equal(["a"], listed.Select(s => s.Name));
            Assert.True(listed[0].WorkingDaysOnly);
            await host.StopAsync();
        }
    }

    private static IHost BuildHost(TempFleetDatabase db, params (string Name, string Cron)[] schedules)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Store:Path"] = db.Options.Path,
            ["Scheduling:TimeZone"] = "Europe/London",
        };
        for (var i = 0; i < schedules.Length; i++)
        {
            settings[$"Scheduling:Schedules:{i}:Name"] = schedules[i].Name;
            settings[$"Scheduling:Schedules:{i}:Cron"] = schedules[i].Cron;
            settings[$"Scheduling:Schedules:{i}:Queue"] = "maintenance";
            settings[$"Scheduling:Schedules:{i}:Payload:n"] = "1";
            settings[$"Scheduling:Schedules:{i}:WorkingDaysOnly"] = schedules[i].Cron.StartsWith('*') ? "false" : "true";
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSqliteFleetStore(builder.Configuration);
        builder.Services.AddFleetScheduling(builder.Configuration);
        return builder.Build();
    }

    private static async Task<List<WorkItem>> TickItemsAsync(TempFleetDatabase db) =>
        [.. (await db.Store.ListAsync(WorkItemState.New, "maintenance", 100, CancellationToken.None)).Where(i => i.Reference.StartsWith("schedule:tick:", StringComparison.Ordinal))];

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the scheduler.");
            await Task.Delay(100);
        }
    }
}
