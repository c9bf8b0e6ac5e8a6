using AutomationFleet.Bots.InboundPost;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.Users;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Documents.Ocr;
using AutomationFleet.Portal.Security;
using AutomationFleet.Portal.Tests.EndToEnd;
using AutomationFleet.Portal.Tests.InboundPost;
using AutomationFleet.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;

namespace AutomationFleet.Portal.Tests.Scans;

/// <summary>
/// A real scan (the UNLV page, CCITT G4 TIFF, from shared/data/ocr) read by the real inbound-post bot with real
/// Tesseract into its own temp store, sent to review with the bot's evidence as the runner does, and a portal over
/// that store. Accounts: "olga" (granted inbound-post), "sam" (granted only contact-forms).
/// </summary>
public sealed class ScanReviewFixture : IAsyncLifetime
{
    public const string Reference = "inbox:scan-unlv";

    private readonly string _root = Directory.CreateTempSubdirectory("fleet-portal-scan-").FullName;
    private WebApplication? _portal;

    public SqliteFleetStore Store { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public WorkItem Item { get; private set; } = null!;

    /// <summary>The bot's evidence as stored with the review task.</summary>
    public string EvidenceJson { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var ct = CancellationToken.None;
        Store = new SqliteFleetStore(new SqliteStoreOptions { Path = Path.Combine(_root, "fleet.db") }, TimeProvider.System);
        await Store.InitializeAsync(ct);
        var blobs = new FileBlobStore(Path.Combine(_root, "blobs"));
        await Store.AddUserAsync("olga", PortalPasswords.Hash(PortalFixture.Password), UserRole.Reviewer, "test", ct);
        await Store.AddUserAsync("sam", PortalPasswords.Hash(PortalFixture.Password), UserRole.Reviewer, "test", ct);
        await Store.GrantQueueAsync("olga", InboundPostBot.BotName, "test", ct);
        await Store.GrantQueueAsync("sam", "contact-forms", "test", ct);

        await using (var scan = File.OpenRead(TestInboundPost.SharedData("ocr", "8071_093.3B.tif")))
        {
            var attachment = await blobs.PutAsync("scan.tif", "image/tiff", scan, ct);
            await Store.EnqueueAsync(new NewWorkItem(InboundPostBot.BotName, Reference, "{}", [attachment]), "test", ct);
        }

        var leased = Assert.Single(await Store.LeaseAsync(InboundPostBot.BotName, "test-worker", 1, TimeSpan.FromMinutes(5), ct));
        using (var ocr = new OcrEnginePool(new OcrOptions { MaxEngines = 1 }))
        {
            var bot = TestInboundPost.CreateBot(_root, Store, blobs, ocr);
            var decision = await bot.DecideAsync(new BotInput(leased, blobs), ct);
            EvidenceJson = decision.EvidenceJson;

            // As the runner sends an item it will not pass: the bot's proposal, evidence and reasons.
            var reasons = decision.Reasons.Count > 0 ? decision.Reasons : ["Seeded for review by the portal test."];
            await Store.SendToReviewAsync(
                leased.Id,
                "test-worker",
                new ReviewRequest(bot.Name, decision.Category, decision.OutcomeJson, decision.Confidence, decision.EvidenceJson, reasons, decision.Urgent),
                ct);
        }

        Item = (await Store.FindAsync(Reference, ct))!;
        _portal = await PortalFixture.StartPortalAsync(Store, blobs, new Dictionary<string, string?>());
        BaseUrl = PortalFixture.Address(_portal);
    }

    public async Task DisposeAsync()
    {
        if (_portal is not null)
        {
            await _portal.StopAsync();
            await _portal.DisposeAsync();
        }

        await Store.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }
}
