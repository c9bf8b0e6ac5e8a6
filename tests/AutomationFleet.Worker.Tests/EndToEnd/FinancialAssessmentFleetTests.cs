using AutomationFleet.Bots.FinancialAssessments;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.Review.Forms;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Worker.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AutomationFleet.Worker.Tests.EndToEnd;

/// <summary>
/// The fleet as <c>./fleet.sh run</c> hosts the financial-assessment bot: JSON forms dropped in its watched folder, the
/// real queue and side-effect ledger in SQLite, letters in the print folder, a flagged case in the review queue.
/// </summary>
public sealed class FinancialAssessmentFleetTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task Run_SampleFormsInTheWatchedFolder_LettersPrintedOnceAndTheFlaggedCaseInReview()
    {
        await using var fleet = await FleetTestHost.CreateAsync();
        var folder = Path.Combine(fleet.Directory, "assessments");
        var print = Path.Combine(fleet.Directory, "print");
        Directory.CreateDirectory(folder);
        Directory.CreateDirectory(print);
        foreach (var sample in new[] { "FA-1", "FA-2", "FA-3" })
        {
            File.Copy(RepositoryFiles.Path("samples", "financial-assessments", $"{sample}.json"), Path.Combine(folder, $"{sample}.json"));
        }

        var settings = fleet.BaseSettings();
        settings["Portal:Enabled"] = "false";
        settings["Inbox:Enabled"] = "false";
        settings["FinancialAssessments:RatesDirectory"] = RepositoryFiles.Path("config", "charging");
        settings["FinancialAssessments:PrintFolder"] = print;
        settings["Queues:financial-assessments:PollInterval"] = "00:00:00.200";
        settings["Inboxes:financial-assessments:Path"] = folder;
        settings["Inboxes:financial-assessments:QuarantinePath"] = Path.Combine(fleet.Directory, "quarantine");
        settings["Inboxes:financial-assessments:ProcessedPath"] = Path.Combine(fleet.Directory, "processed");
        settings["Inboxes:financial-assessments:Queue"] = "financial-assessments";
        settings["Inboxes:financial-assessments:AllowedExtensions:0"] = ".json";
        settings["Inboxes:financial-assessments:PollInterval"] = "00:00:00.200";
        using var host = fleet.Build(settings);
        Assert.Single(host.Services.GetServices<IBot>(), b => b.Name == FinancialAssessmentBot.BotName);
        Assert.Single(host.Services.GetServices<IReviewForm>(), f => f.Bot == FinancialAssessmentBot.BotName);

        await host.StartAsync();
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            IReadOnlyList<ReviewTask> review = [];
            IReadOnlyList<WorkItem> completed = [];

            // Waits on the items' states, not the folder: a letter being written is a temporary file first.
            while (DateTime.UtcNow < deadline && (completed.Count < 2 || review.Count < 1))
            {
                await Task.Delay(200);
                review = await fleet.Store.ListAsync(new ReviewFilter(FinancialAssessmentBot.BotName), CancellationToken.None);
                completed = await fleet.Store.ListAsync(WorkItemState.Completed, "financial-assessments", 10, CancellationToken.None);
            }

            Assert.Equal(2, Directory.GetFiles(print, "*.pdf").Length);
            var task = Assert.Single(review);
            Assert.Contains(task.Request.Reasons, r => r.StartsWith("Property owned", StringComparison.Ordinal));
            Assert.Equal(2, completed.Count);
            Assert.All(completed, item => Assert.True(File.Exists(Path.Combine(print, Bots.FinancialAssessments.Delivery.PrintLetterStep.FileNameFor(item.Reference)))));
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
