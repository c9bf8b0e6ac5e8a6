using AutomationFleet.Worker.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AutomationFleet.Worker.Tests.Scheduling;

public sealed class SchedulingOptionsValidatorTests
{
    private static SchedulingOptionsValidator CreateSut() =>
        new(new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero)));

    private static ScheduleOptions Good(string name) =>
        new() { Name = name, Cron = "0 30 2 ? * *", Queue = "maintenance", Payload = "{\"task\":\"x\"}" };

    [Fact]
    public void Validate_GoodOptions_Succeeds()
    {
        var options = new SchedulingOptions { Schedules = { Good("a"), Good("b") }, ExtraBankHolidays = { "2026-06-10" } };

        var result = CreateSut().Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_ManyBadSettings_ReportsEveryOneByPath()
    {
        var options = new SchedulingOptions
        {
            TimeZone = "Mars/Olympus_Mons",
            ExtraBankHolidays = { "10/06/2026" },
            Schedules =
            {
                Good("nightly"),
                new ScheduleOptions { Name = "nightly", Cron = "0 30 2 * * * *extra", Queue = "", Misfire = "Sometimes", Payload = "{not json", DueWithin = TimeSpan.FromMinutes(-5) },
                new ScheduleOptions { Name = "has:colon", Cron = "0 0 0 30 2 ?", Queue = "q" },
            },
        };

        var failures = CreateSut().Validate(null, options).Failures!.ToList();

        Assert.Contains(failures, f => f.StartsWith("Scheduling:TimeZone 'Mars/Olympus_Mons'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Scheduling:ExtraBankHolidays:0 ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Scheduling:Schedules:1:Name 'nightly' is already used by Scheduling:Schedules:0", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Scheduling:Schedules:1:Cron ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Scheduling:Schedules:1:Queue is empty", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Scheduling:Schedules:1:Misfire 'Sometimes'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Scheduling:Schedules:1:Payload is not valid JSON", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Scheduling:Schedules:1:DueWithin", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Scheduling:Schedules:2:Name 'has:colon'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Scheduling:Schedules:2:Cron '0 0 0 30 2 ?' never fires", StringComparison.Ordinal));
        Assert.Equal(10, failures.Count);
    }

    [Fact]
    public void AddFleetScheduling_PayloadWrittenAsObject_BoundAsJson()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Scheduling:Schedules:0:Name"] = "digest",
            ["Scheduling:Schedules:0:Cron"] = "0 0 7 ? * MON-FRI",
            ["Scheduling:Schedules:0:Queue"] = "maintenance",
            ["Scheduling:Schedules:0:Payload:task"] = "daily-digest",
            ["Scheduling:Schedules:0:Payload:teams:0"] = "highways",
            ["Scheduling:Schedules:1:Name"] = "raw",
            ["Scheduling:Schedules:1:Cron"] = "0 0 7 ? * MON-FRI",
            ["Scheduling:Schedules:1:Queue"] = "maintenance",
            ["Scheduling:Schedules:1:Payload"] = "{\"a\":1}",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddFleetScheduling(configuration, clustered: false, _ => SchedulerDatabase.Sqlite("Data Source=unused.db"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<SchedulingOptions>>().Value;

        Assert.Equal("{\"task\":\"daily-digest\",\"teams\":[\"highways\"]}", options.Schedules[0].Payload);
        Assert.Equal("{\"a\":1}", options.Schedules[1].Payload);
    }
}

public sealed class ShippedSchedulesTests
{
    [Fact]
    public void Validate_ShippedConfigSchedulesJson_Succeeds()
    {
        var directory = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(directory, "config", "schedules.json")))
        {
            directory = Path.GetDirectoryName(directory) ?? throw new FileNotFoundException("config/schedules.json not found above the test output.");
        }

        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(directory, "config", "schedules.json")).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddFleetScheduling(configuration, clustered: false, _ => SchedulerDatabase.Sqlite("Data Source=unused.db"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<SchedulingOptions>>().Value;

        Assert.Equal(6, options.Schedules.Count);
        Assert.Contains(options.Schedules, s => s.Name == "incident-escalation-sweep" && s.Queue == "incident-escalations" && !s.WorkingDaysOnly);
        // On with updates (EnabledWith Updates:Enabled), which the shipped config leaves off: an enabled schedule whose
        // queue no bot consumes would be refused at start-up.
        Assert.Contains(options.Schedules, s => s.Name == "updates-timescale-sweep" && s.Queue == "updates" && s.EnabledWith == "Updates:Enabled" && !s.Enabled);
        // Configuration orders keys, so the payload comes back with its keys sorted.
        Assert.Equal("{\"bot\":\"inbound-post\",\"task\":\"retrain-classifier\"}", options.Schedules[0].Payload);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Configure_ShippedSchedulesWithUpdatesSetting_TimescaleSweepOnExactlyWhenUpdatesAre(string updatesEnabled, bool expected)
    {
        var directory = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(directory, "config", "schedules.json")))
        {
            directory = Path.GetDirectoryName(directory) ?? throw new FileNotFoundException("config/schedules.json not found above the test output.");
        }

        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(directory, "config", "schedules.json"))
            .AddJsonFile(Path.Combine(directory, "config", "updates.json"))
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Updates:Enabled"] = updatesEnabled })
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddFleetScheduling(configuration, clustered: false, _ => SchedulerDatabase.Sqlite("Data Source=unused.db"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<SchedulingOptions>>().Value;

        Assert.Equal(expected, options.Schedules.Single(s => s.Name == "updates-timescale-sweep").Enabled);
        Assert.All(options.Schedules.Where(s => s.Name != "updates-timescale-sweep"), s => Assert.True(s.Enabled));
    }
}
