using System.Text.Json;
using AutomationFleet.Bots.ContactForms;
using AutomationFleet.Bots.ContactForms.Review;
using AutomationFleet.Connectors.Tests.CaseNotes;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Confidence;
using AutomationFleet.Core.Review.Forms;
using AutomationFleet.Core.Running;
using AutomationFleet.Core.SideEffects;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Matching.Index;
using AutomationFleet.Portal.Tests.Correction;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Portal.Tests.ContactForms;

/// <summary>
/// The sample form with two close records (<c>samples/contact-forms/two-close-records.json</c>) decided by the real
/// contact-form bot over the person index of the sample case-record extract and sent to review by the real
/// <see cref="BotRunner"/>, with a portal that has the bot's review form. The bot's case-note writer drives the sample
/// case-management app (in-process on loopback, through Chromium: the connector tests' <see cref="CaseManagementFixture"/>),
/// so <see cref="BotReviewFixture.RunAgainAsync"/> after a reviewer's decision writes the note for real. Account: "cleo"
/// (granted contact-forms).
/// </summary>
public sealed class ContactFormReviewFixture() : BotReviewFixture("cleo")
{
    public const string Reference = "contact-form:two-close-records";

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>The sample case-management app, where the notes are written.</summary>
    public CaseManagementFixture CaseManagement { get; } = new();

    public WorkItem Item { get; private set; } = null!;

    /// <summary>The bot's evidence as stored with the review task: the form and its ranked candidates.</summary>
    public ContactFormEvidence Evidence { get; private set; } = null!;

    /// <summary>The reference the case note carries: the runner's idempotency key for the bot's note step.</summary>
    public static string NoteReference => IdempotencyKey.For(Reference, "case-note");

    /// <summary>The note's last line, as the shipped <c>CaseManagement:ReferenceLine</c> writes it.</summary>
    public static string NoteReferenceLine => "Ref: " + NoteReference;

    protected override async Task<(IBot Bot, ConfidenceOptions Confidence, IReadOnlyList<IReviewForm> Forms)> CreateBotAsync()
    {
        await CaseManagement.InitializeAsync();

        // The extract the sample app seeds its people from (copied beside the tests by its project), so ids agree.
        var index = new PersonIndexHolder();
        index.Use(PersonIndexFile.BuildFromExtract(Path.Combine(AppContext.BaseDirectory, "case-records", "people.csv")));
        var bot = new ContactFormBot(new PersonIndexFinder(index), Options.Create(new ContactFormsOptions()), CaseManagement.Writer(), CaseManagement.Creator(), NullLogger<ContactFormBot>.Instance);
        return (bot, new ConfidenceOptions(), [new ContactFormReviewForm()]);
    }

    protected override async Task SeedAsync()
    {
        var form = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Samples", "two-close-records.json"));
        var (item, task) = await SendToReviewAsync(Reference, form);
        Item = item;
        Evidence = JsonSerializer.Deserialize<ContactFormEvidence>(task.Request.EvidenceJson, Web)!;
    }

    protected override Task DisposeBotAsync() => CaseManagement.DisposeAsync();
}
