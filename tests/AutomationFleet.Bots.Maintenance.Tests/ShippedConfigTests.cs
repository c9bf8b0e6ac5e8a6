using System.Text.Json;
using AutomationFleet.Core.Retention;
using AutomationFleet.Core.Running;
using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.Configuration;

namespace AutomationFleet.Bots.Maintenance.Tests;

/// <summary>What ships in <c>config/</c>: every schedule on the maintenance queue names a task the bot does; the retention policies are valid.</summary>
public sealed class ShippedConfigTests
{
    [Fact]
    public void ShippedSchedules_OnTheMaintenanceQueue_EveryTaskIsOneTheBotDoes()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Shipped("schedules.json")));
        var maintenance = document.RootElement.GetProperty("Scheduling").GetProperty("Schedules").EnumerateArray()
            .Where(s => s.GetProperty("Queue").GetString() == new MaintenanceOptions().Queue)
            .ToList();

        Assert.Equal(["daily-digest", "review-sla-sweep", "retention-purge"], maintenance.Select(s => s.GetProperty("Name").GetString()));
        Assert.All(maintenance, s => Assert.Contains(s.GetProperty("Payload").GetProperty("task").GetString(), MaintenanceTasks.All));
        Assert.All(maintenance, s => Assert.True(s.GetProperty("Enabled").GetBoolean()));
    }

    [Fact]
    public void ShippedRetention_Validate_Succeeds()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Shipped("retention.json")).Build();
        var options = configuration.GetSection(RetentionOptions.SectionName).Get<RetentionOptions>()!;

        Assert.True(new RetentionOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(TimeSpan.FromDays(90), options.Policies.Single(p => p.Name == "casework").RedactAfter);
    }

    [Fact]
    public async Task RunAsync_UnknownTask_BusinessExceptionNamingTheTasks()
    {
        await using var kit = new MaintenanceTestKit();
        await kit.InitializeAsync();

        Assert.Equal(RunResult.BusinessException, await kit.RunTaskAsync("schedule:purge-processed-inbox:1", "purge-processed-inbox"));

        var item = (await kit.Store.FindAsync("schedule:purge-processed-inbox:1", CancellationToken.None))!;
        Assert.Equal(WorkItemState.BusinessException, item.State);
        Assert.Contains("daily-digest, supervisor-digest, review-sla-sweep, retention-purge", item.LastError, StringComparison.Ordinal);
    }

    private static string Shipped(string file)
    {
        var directory = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(directory, "AutomationFleet.sln")))
        {
            directory = Path.GetDirectoryName(directory) ?? throw new FileNotFoundException("The repository root was not found above the test output.");
        }

        return Path.Combine(directory, "config", file);
    }
}
