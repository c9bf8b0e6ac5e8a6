using System.Text;
using System.Text.Json;
using AutomationFleet.Bots.FinancialAssessments.Delivery;
using AutomationFleet.Bots.FinancialAssessments.Letters;
using AutomationFleet.Bots.FinancialAssessments.Tests.Letters;
using AutomationFleet.Connectors.Mail;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Handoff;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.SideEffects;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AutomationFleet.Bots.FinancialAssessments.Tests;

/// <summary>A bot over the shipped rates, a blob store and a print folder in a temporary folder, and a fake clock.</summary>
internal sealed class BotTestKit : IDisposable
{
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private readonly string _root = Directory.CreateTempSubdirectory("fleet-assess-").FullName;

    public BotTestKit(FinancialAssessmentsOptions? options = null, SmtpMailSender? mail = null)
    {
        Options = options ?? new FinancialAssessmentsOptions();
        Options.PrintFolder = Path.Combine(_root, "print");
        Blobs = new FileBlobStore(Path.Combine(_root, "blobs"));
        Bot = new FinancialAssessmentBot(
            ChargeLetterWriterTests.Assessor, new ChargeLetterWriter(Options.Letter), Microsoft.Extensions.Options.Options.Create(Options), Clock, NullLogger<FinancialAssessmentBot>.Instance, mail);
    }

    public FinancialAssessmentsOptions Options { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 6, 9, 9, 0, 0, TimeSpan.Zero));

    public FileBlobStore Blobs { get; }

    public FinancialAssessmentBot Bot { get; }

    public string PrintFolder => Options.PrintFolder;

    /// <summary>The letters in the print folder; none before the first one makes the folder.</summary>
    public IReadOnlyList<string> PrintedFiles() => Directory.Exists(PrintFolder) ? Directory.GetFiles(PrintFolder) : [];

    public void Dispose() => Directory.Delete(_root, recursive: true);

    public static WorkItem Item(string payload, string reference = "item-1", params AttachmentRef[] attachments) => new(
        1, "financial-assessments", reference, payload, attachments, 0, null, WorkItemState.InProgress, 1, "test", null, null, null, null, null, null,
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    public Task<BotDecision> DecideAsync(string payload) => Bot.DecideAsync(new BotInput(Item(payload), Blobs), CancellationToken.None);

    public async Task<BotDecision> DecideFileAsync(string document, string name = "FA.json")
    {
        var file = await Blobs.PutAsync(name, "application/json", new MemoryStream(Encoding.UTF8.GetBytes(document)), CancellationToken.None);
        return await Bot.DecideAsync(new BotInput(Item("{}", "inbox-financial-assessments:abc", file), Blobs), CancellationToken.None);
    }

    public static string Handoff(params (string Name, string Value)[] fields) =>
        HandoffJson.Serialize(new Core.Handoff.Handoff("inbox:letter", "inbound-post", "financial-assessment-form", 0.97, [],
            [.. fields.Select(f => new HandoffField(f.Name, f.Value, 0.8, HandoffOrigins.Ocr, 1))]));

    public static FinancialAssessmentOutcome Outcome(string json) => JsonSerializer.Deserialize<FinancialAssessmentOutcome>(json, Web)!;

    public static FinancialAssessmentEvidence Evidence(BotDecision decision) => JsonSerializer.Deserialize<FinancialAssessmentEvidence>(decision.EvidenceJson, Web)!;

    public static ReviewTask Task(BotDecision decision, string reference = "item-1") => new(
        1, reference, "financial-assessments",
        new ReviewRequest(FinancialAssessmentBot.BotName, decision.Category, decision.OutcomeJson, decision.Confidence, decision.EvidenceJson, decision.Reasons, false),
        false, null, null, null, DateTimeOffset.UnixEpoch);

    public Task<string?> PrintAsync(string outcomeJson, string reference = "item-1") => DeliverAsync(PrintLetterStep.StepName, outcomeJson, reference);

    /// <summary>Runs one of the bot's delivery steps on a decided outcome, with the key the runner would give it.</summary>
    public Task<string?> DeliverAsync(string step, string outcomeJson, string reference = "item-1") =>
        Bot.DeliverySteps.Single(s => s.Name == step).DeliverAsync(
            new DeliveryContext(Item("{}", reference), new ItemOutcome(outcomeJson, 1, "bot"), IdempotencyKey.For(reference, step)), CancellationToken.None);

    /// <summary>The document with a <c>delivery</c> block added (the samples end with their addressee).</summary>
    public static string WithDelivery(string document, string delivery) => $"{document.TrimEnd()[..^1].TrimEnd()}, \"delivery\": {delivery} }}";
}
