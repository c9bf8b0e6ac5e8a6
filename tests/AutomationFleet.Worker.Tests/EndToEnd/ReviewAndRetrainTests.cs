using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutomationFleet.Bots.InboundPost.Taxonomy;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Storage.Sqlite;
using AutomationFleet.Worker.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace AutomationFleet.Worker.Tests.EndToEnd;

/// <summary>
/// The whole fleet in-process on a temp store: letters dropped in the inbox folder go to review (every category is
/// set never-automatic, as a council starting out would), a reviewer corrects them through the review queue, the
/// corrected items continue through the fleet with the corrected category's service and route, and the scheduled
/// retraining learns from those corrections: trains a candidate on the starter data plus the corrections, compares it
/// with the live model on the held-out file (which the council has extended with the new kind of post), and promotes it
/// only if neither precision nor coverage is worse. Which way that goes depends on the model; the test checks the rule
/// and its effect on the live model either way (the swap itself: PromoteModelStepTests).
/// </summary>
[Trait("Category", "Integration")]
public sealed class ReviewAndRetrainTests : IDisposable
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(90);

    // Requests for a dropped kerb (a vehicle crossing over the pavement): the highways service's business, in words
    // the starter training data does not use.
    private static readonly string[] Letters =
    [
        "Dear Sir or Madam, I would like to apply for a dropped kerb outside 14 Elm Road so I can park on my drive. Please send the vehicle crossing application pack.",
        "Please can you tell me how long a dropped kerb application takes? We want a vehicle crossing at our house on Mill Lane.",
        "I applied for a vehicle crossing last month and have not heard back. Can you confirm when the dropped kerb will be installed?",
        "Our neighbour has a dropped kerb and we would like the same. What does a vehicle crossing cost and who does the work?",
        "I am writing about my dropped kerb application reference VX-2291. The contractor left the vehicle crossing unfinished.",
        "Could the council extend the existing dropped kerb at 3 Station Road? The vehicle crossing is too narrow for our car.",
        "We have planning permission for a driveway and need a dropped kerb. Please advise on the vehicle crossing process.",
        "My mother is disabled and we need a dropped kerb so she can get from the car to the house. Is there help with a vehicle crossing?",
    ];

    // The council's held-out file, updated with examples of the new kind of post as it would be: the comparison of the
    // live model and the candidate then measures the post the fleet now receives.
    private static readonly string[] HeldOutLetters =
    [
        "Can I have a dropped kerb put in so I can use my driveway? I need to know about vehicle crossing permission.",
        "What is the waiting time for a vehicle crossing? I sent in my dropped kerb form in March.",
        "The dropped kerb outside number 9 is cracked. The vehicle crossing needs repairing before someone trips.",
        "Please send me the dropped kerb application form and the price list for a vehicle crossing.",
        "Is a vehicle crossing needed for a dropped kerb on a classified road? We live on the A38.",
        "I have paid for my dropped kerb but the vehicle crossing has still not been built.",
    ];

    private readonly string _directory = Directory.CreateTempSubdirectory("af-retrain-").FullName;

    [Fact]
    public async Task FleetHost_ReviewerCorrectionsThenScheduledRetrain_CorrectedItemsRoutedAndPromotedOnlyIfNotWorse()
    {
        var settings = Settings();
        var inbox = settings["Inbox:Path"]!;
        var modelPath = settings["InboundPost:ModelPath"]!;
        await using var store = new SqliteFleetStore(new SqliteStoreOptions { Path = settings["Store:Path"]! }, TimeProvider.System);
        using var host = FleetHost.Create(
            ["--config", Path.Combine(_directory, "config")], builder => builder.Configuration.AddInMemoryCollection(settings));
        await host.StartAsync();
        try
        {
            for (var i = 0; i < Letters.Length; i++)
            {
                await File.WriteAllTextAsync(Path.Combine(inbox, $"letter-{i}.txt"), Letters[i]);
            }

            // 1. Every letter is read, classified and sent to review.
            var tasks = await WaitForAsync(
                async () => await store.ListAsync(new ReviewFilter(Bot: "inbound-post", Limit: 100), CancellationToken.None),
                found => found.Count == Letters.Length);
            // A new kind of letter: below its threshold, or unlike anything the bot was trained on.
            Assert.All(tasks, t => Assert.Contains(t.Request.Reasons, r => r.Contains("never automatic", StringComparison.Ordinal) || r.Contains("unlike anything this bot was trained on", StringComparison.Ordinal)));
            var liveBefore = Sha256(modelPath);

            // 2. A reviewer corrects each one to highways, as the portal does: claim, then correct with the proposal's
            //    outcome whose category is changed (its service and route still the old category's).
            foreach (var task in tasks)
            {
                await store.ClaimAsync(task.ItemId, "rita", TimeSpan.FromMinutes(5), CancellationToken.None);
                var outcome = JsonNode.Parse(task.Request.ProposalJson!)!.AsObject();
                outcome["category"] = "highways";
                await store.DecideAsync(
                    task.ItemId, "rita",
                    new ReviewDecision(ReviewDecisionKind.Correct, "a dropped kerb is a highways matter", outcome.ToJsonString(), "highways"),
                    CancellationToken.None);
            }

            // 3. The corrected items continue: completed with the highways service and handed to its queue.
            var completed = await WaitForAsync(
                async () => await Task.WhenAll(tasks.Select(t => store.FindAsync(t.Reference, CancellationToken.None))),
                items => items.All(i => i?.State == WorkItemState.Completed));
            foreach (var item in completed)
            {
                using var outcome = JsonDocument.Parse(item!.OutcomeJson!);
                Assert.Equal("highways", outcome.RootElement.GetProperty("category").GetString());
                Assert.Equal("Highways", outcome.RootElement.GetProperty("service").GetString());
                Assert.Equal("incident-reports", outcome.RootElement.GetProperty("route").GetProperty("target").GetString());
                Assert.Equal("reviewer:rita", item.OutcomeDecidedBy);
            }

            var handedOn = await store.ListAsync(WorkItemState.New, "incident-reports", 100, CancellationToken.None);
            Assert.Equal(Letters.Length, handedOn.Count);
            // The next bot gets the shared hand-off, with the reviewer's category as certain.
            Assert.All(handedOn, i =>
            {
                var handoff = AutomationFleet.Core.Handoff.HandoffJson.Parse(i.PayloadJson);
                Assert.Equal(("highways", 1.0), (handoff.Category, handoff.CategoryConfidence));
            });

            // 4. The scheduled retraining (enqueued as its schedule would) learns from the eight corrections.
            var retrain = (await store.EnqueueAsync(
                new NewWorkItem("inbound-post-retrain", "schedule:retrain-classifier:test", "{}"), "test", CancellationToken.None)).Item;
            var done = await WaitForAsync(
                async () => await store.FindAsync(retrain.Reference, CancellationToken.None),
                item => item?.State is WorkItemState.Completed or WorkItemState.NeedsReview or WorkItemState.DeadLettered);
            Assert.Equal(WorkItemState.Completed, done!.State);
            using var proposal = JsonDocument.Parse(done.OutcomeJson!);
            var root = proposal.RootElement;
            Assert.Equal(Letters.Length, root.GetProperty("corrections").GetInt32());
            Assert.Equal(StarterTrainingCount() + Letters.Length, root.GetProperty("trainingExamples").GetInt32());
            Assert.Equal(StarterHeldOutCount() + HeldOutLetters.Length, root.GetProperty("heldOutExamples").GetInt32());

            // 5. Promoted exactly when neither held-out precision nor coverage is worse, and then the live model is the
            //    candidate; otherwise the live model is untouched and the reason names what was worse.
            var notWorse = root.GetProperty("candidatePrecision").GetDouble() >= root.GetProperty("currentPrecision").GetDouble()
                && root.GetProperty("candidateCoverage").GetDouble() >= root.GetProperty("currentCoverage").GetDouble();
            Assert.Equal(notWorse, root.GetProperty("promote").GetBoolean());
            if (notWorse)
            {
                Assert.Equal(root.GetProperty("candidateSha256").GetString(), Sha256(modelPath));
            }
            else
            {
                Assert.Equal(liveBefore, Sha256(modelPath));
                Assert.StartsWith("Not promoted:", root.GetProperty("reason").GetString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            await host.StopAsync();
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a log file may still be closing.
        }
    }

    private Dictionary<string, string?> Settings()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "config"));
        var inbox = Directory.CreateDirectory(Path.Combine(_directory, "inbox")).FullName;
        var settings = new Dictionary<string, string?>
        {
            ["Store:Path"] = Path.Combine(_directory, "fleet.db"),
            ["Worker:LogDirectory"] = Path.Combine(_directory, "logs"),
            ["Portal:Enabled"] = "false",
            ["Inbox:Path"] = inbox,
            ["Inbox:QuarantinePath"] = Path.Combine(_directory, "quarantine"),
            ["Inbox:ProcessedPath"] = Path.Combine(_directory, "processed"),
            ["Inbox:PollInterval"] = "00:00:00.200",
            ["Queues:inbound-post:PollInterval"] = "00:00:00.200",
            ["Queues:inbound-post-retrain:PollInterval"] = "00:00:00.200",
            ["InboundPost:ModelPath"] = Path.Combine(_directory, "models", "post.model"),
            ["InboundPost:TrainingData"] = RepositoryFiles.Path("config", "training", "council-post.csv"),
            ["InboundPost:HeldOutData"] = HeldOutFile(),
            ["InboundPost:TaxonomyPath"] = RepositoryFiles.Path("config", "taxonomy.json"),
            ["InboundPost:DropFolder"] = Path.Combine(_directory, "outbox"),
        };
        var categories = CouncilTaxonomy.Load(settings["InboundPost:TaxonomyPath"]!).Categories;
        for (var i = 0; i < categories.Count; i++)
        {
            settings[$"Confidence:Bots:inbound-post:NeverAutomatic:{i.ToString(CultureInfo.InvariantCulture)}"] = categories[i].Id;
        }

        return settings;
    }

    private static int StarterTrainingCount() =>
        File.ReadLines(RepositoryFiles.Path("config", "training", "council-post.csv")).Skip(1).Count(l => l.Length > 0);

    private static int StarterHeldOutCount() =>
        File.ReadLines(RepositoryFiles.Path("config", "training", "council-post-heldout.csv")).Skip(1).Count(l => l.Length > 0);

    private string HeldOutFile()
    {
        var path = Path.Combine(_directory, "council-post-heldout.csv");
        var lines = File.ReadAllLines(RepositoryFiles.Path("config", "training", "council-post-heldout.csv")).ToList();
        lines.AddRange(HeldOutLetters.Select((text, i) => $"heldout-kerb-{i},\"{text}\",highways"));
        File.WriteAllLines(path, lines);
        return path;
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        T value;
        do
        {
            await Task.Delay(200);
            value = await read();
        }
        while (!done(value) && DateTime.UtcNow < deadline);
        return value;
    }

    private static string Sha256(string path) => File.Exists(path) ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))) : "";
}
