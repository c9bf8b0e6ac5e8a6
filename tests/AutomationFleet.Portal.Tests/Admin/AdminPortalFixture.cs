using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Confidence;
using AutomationFleet.Core.Metrics;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.Updates;
using AutomationFleet.Core.Users;
using AutomationFleet.Core.Workers;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Portal.Admin;
using AutomationFleet.Portal.Hosting;
using AutomationFleet.Portal.Security;
using AutomationFleet.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AutomationFleet.Portal.Tests.Admin;

/// <summary>
/// A real portal on a loopback port over its own temp SQLite store, seeded with finished, reviewed, dead-lettered and
/// waiting items, a live worker and accounts for each role; Debian's Chromium driven by Playwright.
/// </summary>
public sealed class AdminPortalFixture : IAsyncLifetime
{
    public const string Password = "correct-horse-battery";
    public const string Queue = "inbound-post";
    public const string Bot = "inbound-post";
    public const string DeadReference = "inbox:dead-1";

    /// <summary>The scrape token a Prometheus server would send for /metrics.</summary>
    public const string MetricsToken = "scrape-token-for-tests-7d3f1e2a9b";

    private readonly string _root = Directory.CreateTempSubdirectory("fleet-admin-").FullName;
    private WebApplication? _portal;
    private IPlaywright? _playwright;

    public SqliteFleetStore Store { get; private set; } = null!;

    public RecordingScheduleControl Schedules { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Store = new SqliteFleetStore(new SqliteStoreOptions { Path = Path.Combine(_root, "fleet.db") }, TimeProvider.System);
        await Store.InitializeAsync(CancellationToken.None);
        await SeedAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Portal:Urls"] = "http://127.0.0.1:0",
            ["Portal:MetricsScrapeToken"] = MetricsToken,
            ["Portal:SignInAttemptsPerAddressPerMinute"] = "10000",
            ["Portal:SignInAttemptsPerAccountPerMinute"] = "10000",
            ["Confidence:Bots:inbound-post:Categories:blue-badge"] = "0.93",
            ["Confidence:Bots:inbound-post:NeverAutomatic:0"] = "safeguarding-concern",
            ["Retention:Policies:0:Name"] = "casework",
            ["Retention:Policies:0:Queues:0"] = Queue,
            ["Retention:Policies:0:Queues:1"] = "contact-forms",
            ["Retention:Policies:0:RedactAfter"] = "90.00:00:00",
            ["Retention:Policies:1:Name"] = "fleet-jobs",
            ["Retention:Policies:1:Queues:0"] = "maintenance",
            ["Retention:Policies:1:RedactAfter"] = "30.00:00:00",
        }).Build();
        var blobs = new FileBlobStore(Path.Combine(_root, "blobs"));
        _portal = PortalWebApplication.Build(configuration, shared =>
        {
            shared.AddSingleton<IWorkQueue>(Store);
            shared.AddSingleton<IReviewQueue>(Store);
            shared.AddSingleton<IUserStore>(Store);
            shared.AddSingleton<IWorkerRegistry>(Store);
            shared.AddSingleton<IFleetMetrics>(Store);
            shared.AddSingleton<IThresholdOverrideStore>(Store);
            shared.AddSingleton<IBotPauseStore>(Store);
            shared.AddSingleton<IUpdateStore>(Store);
            shared.AddSingleton(Microsoft.Extensions.Options.Options.Create(new UpdatesOptions
            {
                Enabled = true,
                Queues = { [Queue] = new QueueUpdateOptions { TouchPoints = [TouchPoint.Received, TouchPoint.Done] } },
            }));
            shared.AddSingleton(new FleetBots([Bot, "contact-forms"]));
            shared.AddSingleton<IBlobStore>(blobs);
            shared.AddSingleton<IScheduleControl>(Schedules);
            shared.AddSingleton(TimeProvider.System);
        });
        await _portal.StartAsync();
        BaseUrl = EndToEnd.PortalFixture.Address(_portal);
        _playwright = await Playwright.CreateAsync();
        Browser = await EndToEnd.PortalFixture.LaunchChromiumAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_portal is not null)
        {
            await _portal.StopAsync();
            await _portal.DisposeAsync();
        }

        await Store.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    public async Task<IPage> SignedInPageAsync(string name)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();

        // A sign-in (PBKDF2 at 210,000 iterations, then the code page) once took over Playwright's 30 s default in a full
        // run, with the PostgreSQL crash test's four worker processes on the same 2 cores; the waits, not the checks, are longer.
        page.SetDefaultTimeout(90_000);
        await EndToEnd.PortalFixture.SignInAsync(page, BaseUrl, name, Password);
        await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(EndToEnd.PortalFixture.ScreenshotDirectory, name + ".png"), FullPage = true });

    private async Task SeedAsync()
    {
        var ct = CancellationToken.None;
        foreach (var (name, role) in new[] { ("ada", UserRole.Administrator), ("sue", UserRole.Supervisor), ("rita", UserRole.Reviewer) })
        {
            await Store.AddUserAsync(name, PortalPasswords.Hash(Password), role, "test", ct);
        }

        await Security.TestTwoFactor.EnrolAsync(Store, "ada");
        await Store.GrantQueueAsync("rita", Queue, "test", ct);
        for (var i = 0; i < 3; i++)
        {
            var item = await LeaseNewAsync($"inbox:auto-{i}");
            await Store.RecordOutcomeAsync(item.Id, "w1", new ItemOutcome("""{"category":"council-tax"}""", 0.99, Bot), ct);
            await Store.CompleteAsync(item.Id, "w1", "delivered", ct);
        }

        await ReviewAndCompleteAsync("inbox:approved-1", 0.90, new ReviewDecision(ReviewDecisionKind.Approve, ""));
        await ReviewAndCompleteAsync("inbox:approved-2", 0.80, new ReviewDecision(ReviewDecisionKind.Approve, ""));
        await ReviewAndCompleteAsync(
            "inbox:corrected-1", 0.70, new ReviewDecision(ReviewDecisionKind.Correct, "wrong service", """{"category":"highways"}""", "highways"));

        var dead = await LeaseNewAsync(DeadReference);
        await Store.FailSystemAsync(dead.Id, "w1", "SMTP refused", new RetryPolicy(1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)), ct);

        await Store.EnqueueAsync(new NewWorkItem(Queue, "inbox:overdue-1", "{}", DueAt: DateTimeOffset.UtcNow.AddHours(-1)), "test", ct);
        var overdue = Assert.Single(await Store.LeaseAsync(Queue, "w1", 1, TimeSpan.FromMinutes(5), ct));
        await Store.SendToReviewAsync(overdue.Id, "w1", Request(0.5), ct);

        await Store.HeartbeatAsync(new WorkerHeartbeat("worker-a", "host-a", 4242, [Queue], 0), ct);
    }

    private async Task<WorkItem> LeaseNewAsync(string reference)
    {
        await Store.EnqueueAsync(new NewWorkItem(Queue, reference, "{}"), "test", CancellationToken.None);
        return Assert.Single(await Store.LeaseAsync(Queue, "w1", 1, TimeSpan.FromMinutes(5), CancellationToken.None));
    }

    private async Task ReviewAndCompleteAsync(string reference, double confidence, ReviewDecision decision)
    {
        var ct = CancellationToken.None;
        var item = await LeaseNewAsync(reference);
        await Store.SendToReviewAsync(item.Id, "w1", Request(confidence), ct);
        await Store.ClaimAsync(item.Id, "rita", TimeSpan.FromMinutes(5), ct);
        await Store.DecideAsync(item.Id, "rita", decision, ct);
        Assert.Single(await Store.LeaseAsync(Queue, "w1", 1, TimeSpan.FromMinutes(5), ct));
        await Store.CompleteAsync(item.Id, "w1", "delivered", ct);
    }

    private static ReviewRequest Request(double confidence) =>
        new(Bot, "blue-badge", """{"category":"blue-badge"}""", confidence, "{}", ["below threshold"], false);
}
