using AutomationFleet.Core.Review;
using AutomationFleet.Core.Users;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Portal.Security;
using AutomationFleet.Portal.Tests.EndToEnd;
using AutomationFleet.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;

namespace AutomationFleet.Portal.Tests.Forms;

/// <summary>
/// A temp store with a portal over it that has <see cref="CandidateReviewForm"/> registered, and review items of two
/// bots: <see cref="CandidateReviewForm.BotName"/> (one item per test, so claims do not collide) and
/// <see cref="UnformedBot"/>, which registers no form. Account: "fay" (granted both queues).
/// </summary>
public sealed class ReviewFormFixture : IAsyncLifetime
{
    public const string Queue = "contact-forms-test";
    public const string UnformedBot = "unformed-bot";
    public const string UnformedQueue = "unformed";
    public const string UnformedEvidence = """{"calculation":{"weekly":"12.50"}}""";

    private readonly string _root = Directory.CreateTempSubdirectory("fleet-portal-forms-").FullName;
    private WebApplication? _portal;

    public SqliteFleetStore Store { get; private set; } = null!;

    internal CandidateReviewForm Form { get; } = new();

    public string BaseUrl { get; private set; } = "";

    /// <summary>Items of the form's bot by name: "render", "correct", "refuse".</summary>
    public Dictionary<string, WorkItem> Items { get; } = [];

    public WorkItem UnformedItem { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var ct = CancellationToken.None;
        Store = new SqliteFleetStore(new SqliteStoreOptions { Path = Path.Combine(_root, "fleet.db") }, TimeProvider.System);
        await Store.InitializeAsync(ct);
        var blobs = new FileBlobStore(Path.Combine(_root, "blobs"));
        await Store.AddUserAsync("fay", PortalPasswords.Hash(PortalFixture.Password), UserRole.Reviewer, "test", ct);
        await Store.GrantQueueAsync("fay", Queue, "test", ct);
        await Store.GrantQueueAsync("fay", UnformedQueue, "test", ct);

        foreach (var name in new[] { "render", "correct", "refuse" })
        {
            Items[name] = await SeedAsync(Queue, "form:" + name, CandidateReviewForm.BotName, """{"candidates":["P-1","P-2"]}""");
        }

        UnformedItem = await SeedAsync(UnformedQueue, "unformed:1", UnformedBot, UnformedEvidence);
        _portal = await PortalFixture.StartPortalAsync(Store, blobs, new Dictionary<string, string?>(), Form);
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

    private async Task<WorkItem> SeedAsync(string queue, string reference, string bot, string evidence)
    {
        var ct = CancellationToken.None;
        await Store.EnqueueAsync(new NewWorkItem(queue, reference, "{}"), "test", ct);
        var leased = Assert.Single(await Store.LeaseAsync(queue, "seed-worker", 1, TimeSpan.FromMinutes(5), ct));
        await Store.SendToReviewAsync(
            leased.Id, "seed-worker", new ReviewRequest(bot, "matched", """{"person":"P-1"}""", 0.7, evidence, ["Two close candidates."], false), ct);
        return leased;
    }
}
