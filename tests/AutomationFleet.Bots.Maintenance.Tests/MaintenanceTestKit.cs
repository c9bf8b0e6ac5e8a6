using AutomationFleet.Bots.Maintenance.Digest;
using AutomationFleet.Bots.Maintenance.Retention;
using AutomationFleet.Bots.Maintenance.Sla;
using AutomationFleet.Connectors.Mail;
using AutomationFleet.Connectors.Tests.Mail;
using AutomationFleet.Core.Confidence;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Retention;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.Running;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Storage.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AutomationFleet.Bots.Maintenance.Tests;

/// <summary>
/// The maintenance bot over a SQLite store and blob store in a temporary folder, a fake clock, the real runner, and
/// (optionally) a real SMTP sender.
/// </summary>
internal sealed class MaintenanceTestKit : IAsyncDisposable
{
    /// <summary>Monday 7 December 2026, 07:00 UTC: the digest's hour.</summary>
    public static readonly DateTimeOffset MondayMorning = new(2026, 12, 7, 7, 0, 0, TimeSpan.Zero);

    private static readonly RetryPolicy Retry = new(3, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    private readonly string _root = Directory.CreateTempSubdirectory("fleet-maintenance-").FullName;
    private readonly ILoggerFactory _loggerFactory;

    public MaintenanceTestKit(SmtpMailSender? mail = null, ILoggerProvider? logs = null, RetentionOptions? retention = null)
    {
        Clock = new FakeTimeProvider(MondayMorning);
        _loggerFactory = LoggerFactory.Create(b =>
        {
            if (logs is not null)
            {
                b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
            }
        });
        Options = new MaintenanceOptions { DigestMailDomain = "council.example", SlaLeadTime = TimeSpan.FromHours(4) };
        Retention = retention ?? new RetentionOptions
        {
            Policies = [new RetentionPolicy { Name = "casework", Queues = ["post"], RedactAfter = TimeSpan.FromDays(90) }],
        };
        Store = new SqliteFleetStore(new SqliteStoreOptions { Path = Path.Combine(_root, "fleet.db") }, Clock);
        Blobs = new FileBlobStore(Path.Combine(_root, "blobs"));
        IDeliveryStep[] steps =
        [
            new EnqueueDigestsStep(Store, Options.Queue),
            new DigestMailStep(mail, Options),
            new EscalateReviewsStep(Store),
            new RetentionPurgeStep(Store, Store, Blobs, Store, _loggerFactory.CreateLogger<RetentionPurgeStep>()),
        ];
        Bot = new MaintenanceBot(
            Store, Store, Store, new DigestComposer(Store, Store, Options), Microsoft.Extensions.Options.Options.Create(Options),
            Microsoft.Extensions.Options.Options.Create(Retention), Clock, _loggerFactory.CreateLogger<MaintenanceBot>(), steps);
    }

    public FakeTimeProvider Clock { get; }

    public MaintenanceOptions Options { get; }

    public RetentionOptions Retention { get; }

    public SqliteFleetStore Store { get; }

    public FileBlobStore Blobs { get; }

    public MaintenanceBot Bot { get; }

    public string Root => _root;

    public Task InitializeAsync() => Store.InitializeAsync(CancellationToken.None);

    /// <summary>Enqueues a maintenance item with <paramref name="task"/> and runs it through the real runner.</summary>
    public async Task<RunResult> RunTaskAsync(string reference, string task)
    {
        await Store.EnqueueAsync(new NewWorkItem(Bot.Queue, reference, $$"""{"task":"{{task}}"}""", Priority: 50), "scheduler:test", CancellationToken.None);
        return await RunNextAsync();
    }

    /// <summary>Runs the next maintenance item, as a consumer would.</summary>
    public async Task<RunResult> RunNextAsync()
    {
        var leased = Assert.Single(await Store.LeaseAsync(Bot.Queue, "test-worker", 1, TimeSpan.FromMinutes(5), CancellationToken.None));
        var runner = new BotRunner(Store, Store, Blobs, Policy(), TestResilience.Create(_loggerFactory), _loggerFactory.CreateLogger<BotRunner>());
        return await runner.RunAsync(Bot, leased, "test-worker", Retry, CancellationToken.None);
    }

    /// <summary>Runs every waiting maintenance item; returns how many ran.</summary>
    public async Task<int> DrainAsync()
    {
        var ran = 0;
        while ((await Store.GetDepthAsync(CancellationToken.None)).Any(d => d.Queue == Bot.Queue && d.State == WorkItemState.New && d.Count > 0))
        {
            Assert.Equal(RunResult.Completed, await RunNextAsync());
            ran++;
        }

        return ran;
    }

    /// <summary>An item of queue <c>post</c> sent to review, due at <paramref name="due"/>.</summary>
    public async Task<WorkItem> InReviewAsync(string reference, DateTimeOffset? due, string? service = null, bool urgent = false, string queue = "post")
    {
        var item = (await Store.EnqueueAsync(new NewWorkItem(queue, reference, "{\"name\":\"Ann Example\"}", DueAt: due), "test", CancellationToken.None)).Item;
        Assert.Single(await Store.LeaseAsync(queue, "w1", 1, TimeSpan.FromMinutes(5), CancellationToken.None));
        await Store.SendToReviewAsync(item.Id, "w1", new ReviewRequest("inbound-post", "blue-badge", "{}", 0.6, "{\"name\":\"Ann Example\"}", ["low"], urgent, service), CancellationToken.None);
        return item;
    }

    /// <summary>An item of queue <paramref name="queue"/> completed by <paramref name="bot"/> (straight through).</summary>
    public async Task<WorkItem> CompletedAsync(string reference, string payload = "{}", IReadOnlyList<AttachmentRef>? attachments = null, string queue = "post", string bot = "inbound-post", string category = "blue-badge")
    {
        var item = (await Store.EnqueueAsync(new NewWorkItem(queue, reference, payload, attachments), "test", CancellationToken.None)).Item;
        Assert.Single(await Store.LeaseAsync(queue, "w1", 1, TimeSpan.FromMinutes(5), CancellationToken.None));
        await Store.RecordOutcomeAsync(item.Id, "w1", new ItemOutcome($$"""{"category":"{{category}}"}""", 0.999, bot), CancellationToken.None);
        await Store.CompleteAsync(item.Id, "w1", "done", CancellationToken.None);
        return item;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        _loggerFactory.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private static ConfidencePolicy Policy() => new(new FixedOptionsMonitor<ConfidenceOptions>(new ConfidenceOptions()));

    private sealed class FixedOptionsMonitor<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
