using System.Text.Json;
using AutomationFleet.Worker.Cli;
using AutomationFleet.Worker.Scheduling;
using Microsoft.Extensions.Logging.Abstractions;
using Quartz;
using SchedulingOptions = AutomationFleet.Worker.Scheduling.SchedulingOptions;

namespace AutomationFleet.Worker.Tests.Cli;

[Trait("Category", "Integration")]
[Collection(CliTestCollection.Name)]
public sealed class SchedulesCommandTests : IAsyncLifetime
{
    private const string Schedule = "nightly-sweep";
    private readonly CliFixture _cli = new();

    public async Task InitializeAsync()
    {
        // The host applies config/schedules.json at start; here the same applier writes one schedule to the test database.
        await using var store = await _cli.OpenStoreAsync();
        var options = new SchedulingOptions
        {
            Schedules = { new ScheduleOptions { Name = Schedule, Cron = "0 0 2 * * ?", Queue = "post" } },
        };
        var factory = QuartzSchedulerBuilder
            .Create(quartz => FleetQuartz.Configure(quartz, options, SchedulerDatabase.Sqlite(store.ConnectionString)))
            .Build();
        await using (factory)
        {
            var scheduler = await factory.GetScheduler();
            await new ScheduleApplier(NullLogger<ScheduleApplier>.Instance).ApplyAsync(scheduler, options, CancellationToken.None);
            await scheduler.Shutdown();
        }
    }

    public async Task DisposeAsync() => await _cli.DisposeAsync();

    [Fact]
    public async Task SchedulesList_Json_ShowsScheduleWithNextFire()
    {
        var run = await _cli.RunAsync("schedules", "list", "--json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        var schedule = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(Schedule, schedule.GetProperty("name").GetString());
        Assert.Equal("post", schedule.GetProperty("queue").GetString());
        Assert.Equal("Normal", schedule.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.String, schedule.GetProperty("nextFireTimeUtc").ValueKind);
    }

    [Fact]
    public async Task SchedulesPauseThenResume_KnownSchedule_StateFollows()
    {
        var pause = await _cli.RunAsync("schedules", "pause", Schedule);
        var pausedAgain = await _cli.RunAsync("schedules", "pause", Schedule);
        var paused = await _cli.RunAsync("schedules", "list", "--json");
        var resume = await _cli.RunAsync("schedules", "resume", Schedule);
        var resumed = await _cli.RunAsync("schedules", "list", "--json");

        Assert.Equal(ExitCodes.Success, pause.ExitCode);
        Assert.Contains($"Paused {Schedule}", pause.Output, StringComparison.Ordinal);
        Assert.Contains("already paused", pausedAgain.Output, StringComparison.Ordinal);
        Assert.Equal("Paused", StateOf(paused));
        Assert.Equal(ExitCodes.Success, resume.ExitCode);
        Assert.Equal("Normal", StateOf(resumed));
    }

    [Fact]
    public async Task SchedulesTrigger_KnownSchedule_StoresOneOffTrigger()
    {
        var run = await _cli.RunAsync("schedules", "trigger", Schedule);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        await using var store = await _cli.OpenStoreAsync();
        var factory = QuartzSchedulerBuilder
            .Create(quartz => FleetQuartz.Configure(quartz, new SchedulingOptions(), SchedulerDatabase.Sqlite(store.ConnectionString)))
            .Build();
        await using (factory)
        {
            var scheduler = await factory.GetScheduler();
            var jobs = await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(FleetQuartz.ScheduleGroup));
            var triggers = await scheduler.GetTriggersOfJob(Assert.Single(jobs));
            Assert.Equal(2, triggers.Count);
            await scheduler.Shutdown();
        }
    }

    [Theory]
    [InlineData("pause")]
    [InlineData("resume")]
    [InlineData("trigger")]
    public async Task SchedulesChange_UnknownSchedule_ExitCode2(string verb)
    {
        var run = await _cli.RunAsync("schedules", verb, "no-such-schedule");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("No schedule named 'no-such-schedule'", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_WithSchedule_ShowsNextFire()
    {
        await _cli.RunAsync("enqueue", "--queue", "post", "--reference", "REF-1");

        var run = await _cli.RunAsync("status");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("Schedules", run.Output, StringComparison.Ordinal);
        Assert.Contains(Schedule, run.Output, StringComparison.Ordinal);
    }

    private static string? StateOf(CliRun run)
    {
        using var json = JsonDocument.Parse(run.Output);
        return json.RootElement.EnumerateArray().Single().GetProperty("state").GetString();
    }
}
