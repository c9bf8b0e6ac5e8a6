using System.Text.Json;
using AutomationFleet.Bots.ContactForms;
using AutomationFleet.Bots.ContactForms.Review;
using AutomationFleet.Connectors.Tests.CaseNotes;
using AutomationFleet.Core.Confidence;
using AutomationFleet.Core.Running;
using AutomationFleet.Core.SideEffects;
using AutomationFleet.Core.Users;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Matching.Index;
using AutomationFleet.Portal.Security;
using AutomationFleet.Portal.Tests.Correction;
using AutomationFleet.Portal.Tests.EndToEnd;
using AutomationFleet.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Portal.Tests.ContactForms;

/// <summary>
/// The sample form with two close records (<c>samples/contact-forms/two-close-records.json</c>) decided by the real
/// contact-form bot over the person index of the sample case-record extract and sent to review by the real
/// <see cref="BotRunner"/>, in its own temp store with a portal over it that has the bot's review form. The bot's
/// case-note writer drives the sample case-management app (in-process on loopback, Chromium: the connector tests'
/// <see cref="CaseManagementFixture"/>), so <see cref="RunAgainAsync"/> after a reviewer's decision writes the note
/// for real. Account: "cleo" (granted contact-forms).
/// </summary>
public sealed class ContactFormReviewFixture : IAsyncLifetime
{
    public const string Reference = "contact-form:two-close-records";
    public const string Reviewer = "cleo";

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private readonly string _root = Directory.CreateTempSubdirectory("fleet-portal-contact-").FullName;
    private readonly CaseManagementFixture _caseManagement = new();
    private WebApplication? _portal;
    private TestWorker _worker = null!;

    public SqliteFleetStore Store { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>The sample case-management app, where the notes are written.</summary>
    public CaseManagementFixture CaseManagement => _caseManagement;

    public WorkItem Item { get; private set; } = null!;

    /// <summary>The bot's evidence as stored with the review task: the form and its ranked candidates.</summary>
    public ContactFormEvidence Evidence { get; private set; } = null!;

    /// <summary>The reference the case note carries: the runner's idempotency key for the bot's note step.</summary>
    public static string NoteReference => IdempotencyKey.For(Reference, "case-note");

    /// <summary>The note's last line, as the shipped <c>CaseManagement:ReferenceLine</c> writes it.</summary>
    public static string NoteReferenceLine => "Ref: " + NoteReference;

    public async Task InitializeAsync()
    {
        var ct = CancellationToken.None;
        await _caseManagement.InitializeAsync();
        Store = new SqliteFleetStore(new SqliteStoreOptions { Path = Path.Combine(_root, "fleet.db") }, TimeProvider.System);
        await Store.InitializeAsync(ct);
        var blobs = new FileBlobStore(Path.Combine(_root, "blobs"));
        await Store.AddUserAsync(Reviewer, PortalPasswords.Hash(PortalFixture.Password), UserRole.Reviewer, "test", ct);
        await Store.GrantQueueAsync(Reviewer, ContactFormBot.BotName, "test", ct);

        // The extract the sample app seeds its people from (copied beside the tests by its project), so ids agree.
        var finder = new PersonIndexFinder();
        finder.Use(PersonIndexFile.BuildFromExtract(Path.Combine(AppContext.BaseDirectory, "case-records", "people.csv")));
        var bot = new ContactFormBot(finder, Options.Create(new ContactFormsOptions()), _caseManagement.Writer(), NullLogger<ContactFormBot>.Instance);
        _worker = new TestWorker(Store, blobs, bot, new ConfidenceOptions());

        var form = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Samples", "two-close-records.json"), ct);
        await Store.EnqueueAsync(new NewWorkItem(ContactFormBot.BotName, Reference, form, []), "test", ct);
        Assert.Equal(RunResult.SentToReview, await RunAgainAsync());

        Item = (await Store.FindAsync(Reference, ct))!;
        var task = await Store.GetAsync(Item.Id, ct);
        Assert.NotNull(task);
        Evidence = JsonSerializer.Deserialize<ContactFormEvidence>(task.Request.EvidenceJson, Web)!;
        _portal = await PortalFixture.StartPortalAsync(Store, blobs, new Dictionary<string, string?>(), new ContactFormReviewForm());
        BaseUrl = PortalFixture.Address(_portal);
    }

    /// <summary>Leases the one New item and runs it through the runner and the bot, as a worker of the fleet does.</summary>
    public Task<RunResult> RunAgainAsync() => _worker.RunNextAsync();

    public async Task DisposeAsync()
    {
        if (_portal is not null)
        {
            await _portal.StopAsync();
            await _portal.DisposeAsync();
        }

        await Store.DisposeAsync();
        await _caseManagement.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }
}
