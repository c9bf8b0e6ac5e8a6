using AutomationFleet.Core.Updates;
using Microsoft.Extensions.Configuration;

namespace AutomationFleet.Bots.Updates.Tests;

public sealed class UpdatesOptionsValidatorTests
{
    [Fact]
    public void Validate_EverythingWrong_ReportsEachSettingByPath()
    {
        var options = new UpdatesOptions
        {
            Enabled = true,
            Queue = "",
            DailyCap = 0,
            Channel = "Pigeon",
            OptOutUrl = "/relative",
            OptOutKey = "c2hvcnQ=",
            AtRiskWorkingDays = -1,
            NewDateWorkingDays = 0,
            Queues =
            {
                ["forms"] = new QueueUpdateOptions { TouchPoints = [TouchPoint.Received, TouchPoint.Done] },
                ["empty"] = new QueueUpdateOptions(),
            },
            Wording = { [TouchPoint.Received] = new UpdateWording { Subject = "", Body = "no link" } },
        };

        var result = new UpdatesOptionsValidator().Validate(null, options);

        Assert.Equal(
            [
                "Updates:Queue must name the queue update items go to.",
                "Updates:DailyCap must be between 1 and 100 (it is 0).",
                "Updates:Channel must be Email or Notify (it is 'Pigeon').",
                "Updates:AtRiskWorkingDays must be between 0 and 30 (it is -1).",
                "Updates:NewDateWorkingDays must be between 1 and 60 (it is 0).",
                "Updates:Queues:empty:TouchPoints must list at least one touch point.",
                "Updates:OptOutUrl must be the absolute http(s) address of the public opt-out page (it is '/relative').",
                "Updates:OptOutKey must be at least 32 random bytes in base64, set from the environment (FLEET_Updates__OptOutKey).",
                "Updates:Wording:Received:Subject must not be empty.",
                "Updates:Wording:Received:Body must contain {OptOutUrl}: every update says how to stop them.",
                "Updates:Wording:Done is missing: a queue sends Done updates.",
            ],
            result.Failures!);
    }

    [Fact]
    public void Validate_NotifyWithoutKeyOrTemplates_ReportsEachSettingByPath()
    {
        var options = new UpdatesOptions
        {
            Enabled = true,
            Channel = UpdatesOptions.NotifyChannel,
            OptOutUrl = "https://status.council.example/updates/opt-out",
            OptOutKey = UpdatesTestKit.Key,
            Queues = { ["forms"] = new QueueUpdateOptions { TouchPoints = [TouchPoint.Done] } },
            Notify = { ApiKey = "live-not-a-key", Templates = { [TouchPoint.Done] = "nope" } },
        };

        var result = new UpdatesOptionsValidator().Validate(null, options);

        Assert.Equal(
            [
                "Updates:Notify:Templates:Done must be the id (a GUID) of the Notify template for Done.",
                "Updates:Notify:ApiKey must be a Notify API key ({name}-{service id}-{secret}), set from the environment (FLEET_Updates__Notify__ApiKey).",
            ],
            result.Failures!);
    }

    [Fact]
    public void Validate_ShippedConfigurationTurnedOnWithAKey_Succeeds()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "AutomationFleet.sln")))
        {
            root = Path.GetDirectoryName(root)!;
        }

        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(root, "config", "updates.json"))
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Updates:Enabled"] = "true", ["Updates:OptOutKey"] = UpdatesTestKit.Key })
            .Build();
        var options = configuration.GetSection(UpdatesOptions.SectionName).Get<UpdatesOptions>()!;

        var result = new UpdatesOptionsValidator().Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal([TouchPoint.Received, TouchPoint.Decided, TouchPoint.TimescaleAtRisk, TouchPoint.Done], options.TouchPointsFor("financial-assessments"));
    }
}
