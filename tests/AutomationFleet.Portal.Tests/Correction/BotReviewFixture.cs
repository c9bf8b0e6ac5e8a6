using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Confidence;
using AutomationFleet.Core.Resilience;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.Review.Forms;
using AutomationFleet.Core.Running;
using AutomationFleet.Core.Users;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Portal.Security;
using AutomationFleet.Portal.Tests.EndToEnd;
using AutomationFleet.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly.Registry;

namespace AutomationFleet.Portal.Tests.Correction;

/// <summary>
/// A real bot's items sent to review by the real <see cref="BotRunner"/>, in a temp store of their own with a portal
/// over it and one reviewer granted the bot's queue. <see cref="RunAgainAsync"/> leases the bot's one New item and runs
/// it through the same runner and bot, as a worker of the fleet does after a reviewer's decision: every fleet pipeline
/// (no circuit breakers, so one test's faults cannot open them for the next) and the subclass's confidence settings.
/// </summary>
public abstract class BotReviewFixture(string reviewer) : IAsyncLifetime
{
    private const string WorkerId = "test-worker";
    private static readonly RetryPolicy Retry = new(3, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

    private WebApplication? _portal;
    private IBot _bot = null!;
    private BotRunner _runner = null!;

    /// <summary>The reviewer's account name (password <see cref="PortalFixture.Password"/>).</summary>
    public string Reviewer => reviewer;

    public SqliteFleetStore Store { get; private set; } = null!;

    public FileBlobStore Blobs { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>The fixture's temp folder, deleted at the end.</summary>
    protected string Root { get; } = Directory.CreateTempSubdirectory("fleet-portal-review-").FullName;

    public async Task InitializeAsync()
    {
        var ct = CancellationToken.None;
        Store = new SqliteFleetStore(new SqliteStoreOptions { Path = Path.Combine(Root, "fleet.db") }, TimeProvider.System);
        await Store.InitializeAsync(ct);
        Blobs = new FileBlobStore(Path.Combine(Root, "blobs"));
        var (bot, confidence, forms) = await CreateBotAsync();
        _bot = bot;
        await Store.AddUserAsync(reviewer, PortalPasswords.Hash(PortalFixture.Password), UserRole.Reviewer, "test", ct);
        await Store.GrantQueueAsync(reviewer, bot.Queue, "test", ct);
        var pipelines = new ResiliencePipelineRegistry<string>();
        foreach (var name in FleetPipelines.All)
        {
            pipelines.TryAddBuilder(name, (builder, _) => FleetPipelines.Configure(builder, new PipelineOptions { UseCircuitBreaker = false }));
        }

        _runner = new BotRunner(
            Store, Store, Blobs, new ConfidencePolicy(new FixedOptionsMonitor<ConfidenceOptions>(confidence)), pipelines, NullLogger<BotRunner>.Instance);
        await SeedAsync();
        _portal = await PortalFixture.StartPortalAsync(Store, Blobs, new Dictionary<string, string?>(), [.. forms]);
        BaseUrl = PortalFixture.Address(_portal);
    }

    public async Task DisposeAsync()
    {
        if (_portal is not null)
        {
            await _portal.StopAsync();
            await _portal.DisposeAsync();
        }

        await DisposeBotAsync();
        await Store.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }

    /// <summary>The bot under test (its store is <see cref="Store"/>), the confidence settings, and the review forms the portal gets besides inbound post's.</summary>
    protected abstract Task<(IBot Bot, ConfidenceOptions Confidence, IReadOnlyList<IReviewForm> Forms)> CreateBotAsync();

    /// <summary>Puts the items in review, e.g. with <see cref="SendToReviewAsync"/>.</summary>
    protected abstract Task SeedAsync();

    /// <summary>Frees what <see cref="CreateBotAsync"/> made, after the portal has stopped.</summary>
    protected virtual Task DisposeBotAsync() => Task.CompletedTask;

    /// <summary>Enqueues the payload on the bot's queue and runs it; it must go to review. Returns the item and its review task.</summary>
    protected async Task<(WorkItem Item, ReviewTask Task)> SendToReviewAsync(string reference, string payloadJson)
    {
        var ct = CancellationToken.None;
        await Store.EnqueueAsync(new NewWorkItem(_bot.Queue, reference, payloadJson, []), "test", ct);
        Assert.Equal(RunResult.SentToReview, await RunAgainAsync());
        var item = (await Store.FindAsync(reference, ct))!;
        var task = await Store.GetAsync(item.Id, ct);
        Assert.NotNull(task);
        return (item, task);
    }

    /// <summary>Leases the bot's one New item and runs it through the runner and the bot, as a worker does.</summary>
    public async Task<RunResult> RunAgainAsync()
    {
        var leased = Assert.Single(await Store.LeaseAsync(_bot.Queue, WorkerId, 1, TimeSpan.FromMinutes(5), CancellationToken.None));
        return await _runner.RunAsync(_bot, leased, WorkerId, Retry, CancellationToken.None);
    }

    private sealed class FixedOptionsMonitor<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
