using AutomationFleet.Worker.Scheduling;
using AutomationFleet.Worker.Tests.Hosting;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Worker.Tests.Scheduling;

/// <summary>A schedule whose queue no bot consumes stops start-up, every such schedule named by its path and queue.</summary>
public sealed class ScheduleTopologyTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task StartAsync_SchedulesWithoutConsumer_RefusedNamingEveryScheduleAndQueue()
    {
        await using var fleet = await FleetTestHost.CreateAsync();
        var settings = fleet.BaseSettings();
        settings["Scheduling:TimeZone"] = "Europe/London";
        (string Name, string Queue, bool Enabled)[] schedules =
            [("consumed", "work", true), ("daily-digest", "maintenance", true), ("old-purge", "maintenance", false), ("typo", "wrok", true), ("gated", "updates", true)];
        // On only with a setting that is off here (as the updates' timescale sweep ships): not checked, like a disabled one.
        settings["Scheduling:Schedules:4:EnabledWith"] = "Updates:Enabled";
        for (var i = 0; i < schedules.Length; i++)
        {
            settings[$"Scheduling:Schedules:{i}:Name"] = schedules[i].Name;
            settings[$"Scheduling:Schedules:{i}:Cron"] = "0 0 7 ? * *";
            settings[$"Scheduling:Schedules:{i}:Queue"] = schedules[i].Queue;
            settings[$"Scheduling:Schedules:{i}:Enabled"] = schedules[i].Enabled ? "true" : "false";
        }

        using var host = fleet.Build(settings, new TestBot("work", TimeSpan.Zero));

        var exception = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        var refusal = Assert.IsType<OptionsValidationException>(exception is AggregateException a ? Assert.Single(a.InnerExceptions) : exception);
        Assert.Equal(typeof(ScheduleTopologyOptions), refusal.OptionsType);
        Assert.Equal(2, refusal.Failures.Count());
        Assert.Contains(
            "Scheduling:Schedules:1:Queue: schedule 'daily-digest' puts work on queue 'maintenance', which no bot consumes",
            refusal.Message,
            StringComparison.Ordinal);
        Assert.Contains("Scheduling:Schedules:3:Queue: schedule 'typo' puts work on queue 'wrok'", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("(queues with a bot: work)", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("old-purge", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("gated", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EveryScheduleConsumed_Succeeds()
    {
        var options = new ScheduleTopologyOptions();
        options.ConsumedQueues.UnionWith(["maintenance", "incident-escalations"]);
        options.Schedules.Add(("Scheduling:Schedules:0", "daily-digest", "maintenance"));
        options.Schedules.Add(("Scheduling:Schedules:1", "incident-escalation-sweep", "incident-escalations"));

        Assert.True(new ScheduleTopologyValidator().Validate(null, options).Succeeded);
    }
}
