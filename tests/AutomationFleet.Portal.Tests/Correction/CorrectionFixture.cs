using System.Text.Json;
using AutomationFleet.Bots.InboundPost;
using AutomationFleet.Bots.InboundPost.Taxonomy;
using AutomationFleet.Core.Confidence;
using AutomationFleet.Core.Running;
using AutomationFleet.Core.Users;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Documents.Ocr;
using AutomationFleet.Portal.Security;
using AutomationFleet.Portal.Tests.EndToEnd;
using AutomationFleet.Portal.Tests.InboundPost;
using AutomationFleet.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;

namespace AutomationFleet.Portal.Tests.Correction;

/// <summary>
/// A letter read and decided by the real inbound-post bot and sent to review by the real <see cref="BotRunner"/>
/// (every category is configured never automatic, so it always goes to a person), in its own temp store with a portal
/// over it. <see cref="RunAgainAsync"/> leases the item again and runs it through the same runner and bot (a
/// <see cref="TestWorker"/>), as a worker does after a reviewer's decision. Account: "cora" (granted inbound-post).
/// </summary>
public sealed class CorrectionFixture : IAsyncLifetime
{
    public const string Reference = "inbox:correct-any-category";

    /// <summary>A second letter, to be corrected to a category the bot does not know.</summary>
    public const string UnknownReference = "inbox:correct-unknown-category";

    private const string Letter =
        "Dear Sir or Madam, I am writing to renew my Blue Badge which expires next month. My badge number is on the "
        + "enclosed copy. I have limited mobility and rely on the badge for parking near the hospital. Yours faithfully";

    private readonly string _root = Directory.CreateTempSubdirectory("fleet-portal-correct-").FullName;
    private WebApplication? _portal;
    private OcrEnginePool? _ocr;
    private TestWorker _worker = null!;

    public SqliteFleetStore Store { get; private set; } = null!;

    public InboundPostBot Bot { get; private set; } = null!;

    public CouncilTaxonomy Taxonomy { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public WorkItem Item { get; private set; } = null!;

    public WorkItem UnknownItem { get; private set; } = null!;

    /// <summary>The bot's evidence as stored with the review task.</summary>
    public string EvidenceJson { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var ct = CancellationToken.None;
        Store = new SqliteFleetStore(new SqliteStoreOptions { Path = Path.Combine(_root, "fleet.db") }, TimeProvider.System);
        await Store.InitializeAsync(ct);
        var blobs = new FileBlobStore(Path.Combine(_root, "blobs"));
        await Store.AddUserAsync("cora", PortalPasswords.Hash(PortalFixture.Password), UserRole.Reviewer, "test", ct);
        await Store.GrantQueueAsync("cora", InboundPostBot.BotName, "test", ct);

        Taxonomy = TestInboundPost.Taxonomy();
        _ocr = new OcrEnginePool(new OcrOptions { MaxEngines = 1 });
        Bot = TestInboundPost.CreateBot(_root, Store, blobs, _ocr);

        var confidence = new ConfidenceOptions();
        confidence.Bots[InboundPostBot.BotName] = new BotConfidenceOptions { NeverAutomatic = Taxonomy.Categories.Select(c => c.Id).ToList() };
        _worker = new TestWorker(Store, blobs, Bot, confidence);

        var payload = JsonSerializer.Serialize(new { subject = "Blue Badge renewal", text = Letter });
        foreach (var reference in new[] { Reference, UnknownReference })
        {
            await Store.EnqueueAsync(new NewWorkItem(InboundPostBot.BotName, reference, payload, []), "test", ct);
            Assert.Equal(RunResult.SentToReview, await RunAgainAsync());
        }

        UnknownItem = (await Store.FindAsync(UnknownReference, ct))!;

        Item = (await Store.FindAsync(Reference, ct))!;
        var task = await Store.GetAsync(Item.Id, ct);
        Assert.NotNull(task);
        EvidenceJson = task.Request.EvidenceJson;
        _portal = await PortalFixture.StartPortalAsync(Store, blobs, new Dictionary<string, string?>());
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

        _ocr?.Dispose();
        await Store.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }
}
