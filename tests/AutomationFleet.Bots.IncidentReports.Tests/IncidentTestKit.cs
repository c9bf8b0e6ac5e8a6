using System.Text.Json;
using AutomationFleet.Bots.IncidentReports.Cli;
using AutomationFleet.Bots.IncidentReports.Deduplication;
using AutomationFleet.Bots.IncidentReports.Escalation;
using AutomationFleet.Bots.IncidentReports.Triage;
using AutomationFleet.Connectors.Mail;
using AutomationFleet.Connectors.Tests.Mail;
using AutomationFleet.Core.Confidence;
using AutomationFleet.Core.Incidents;
using AutomationFleet.Core.Running;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Storage.Sqlite;
using AutomationFleet.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AutomationFleet.Bots.IncidentReports.Tests;

/// <summary>
/// The incident-report bot and its escalation bot over the shipped allocation config and gazetteer, a SQLite store and
/// blob store in a temporary folder, the real sentence encoder, a fake clock, and the real runner.
/// </summary>
internal sealed class IncidentTestKit : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>Monday 7 December 2026, 10:00 in London (GMT): office hours.</summary>
    public static readonly DateTimeOffset MondayMorning = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    // One encoder for the test run: loading the model is the slow part, and its vectors do not depend on the test.
    internal static readonly Lazy<SentenceTransformerEmbedder> SharedEmbedder = new(() => new SentenceTransformerEmbedder(new TextEmbeddingOptions { CacheDirectory = null }));

    private static readonly RetryPolicy Retry = new(3, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    private readonly string _root = Directory.CreateTempSubdirectory("fleet-incidents-").FullName;
    private readonly ILoggerFactory _loggerFactory;

    public IncidentTestKit(SmtpMailSender? mail = null, ILoggerProvider? logs = null, DateTimeOffset? now = null)
    {
        Clock = new FakeTimeProvider(now ?? MondayMorning);
        _loggerFactory = LoggerFactory.Create(b => { if (logs is not null) { b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace); } });
        Options = new IncidentReportsOptions
        {
            AllocationPath = Shipped("config/incidents/allocation.json"),
            GazetteerPath = Shipped("config/incidents/gazetteer.csv"),
            PersonTeamsPath = null,
        };
        Data = IncidentReferenceData.Load(Options);
        Store = new SqliteFleetStore(new SqliteStoreOptions { Path = Path.Combine(_root, "fleet.db") }, Clock);
        Blobs = new FileBlobStore(Path.Combine(_root, "blobs"));
        Encoder = new CountingEmbedder(SharedEmbedder.Value, TimeProvider.System);
        Triage = new IncidentTriage(Data, Store, new DuplicateFinder(Encoder, DuplicateWords.From(Options)), null, Options);
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        Bot = new IncidentReportBot(Triage, Data, Store, options, Clock, _loggerFactory.CreateLogger<IncidentReportBot>(), mail);
        Escalations = new IncidentEscalationBot(Data, Store, Store, options, Clock, _loggerFactory.CreateLogger<IncidentEscalationBot>(), mail);
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>The bot's view of the shared encoder, counting this kit's encodings and cache look-ups.</summary>
    public CountingEmbedder Encoder { get; }

    public IncidentReportsOptions Options { get; }

    public IncidentReferenceData Data { get; }

    public SqliteFleetStore Store { get; }

    /// <summary>The store as the incident contract (its optional tokens).</summary>
    public IIncidentStore Incidents => Store;

    public FileBlobStore Blobs { get; }

    public IncidentTriage Triage { get; }

    public IncidentReportBot Bot { get; }

    public IncidentEscalationBot Escalations { get; }

    public static string Shipped(string relative) => Path.Combine(AppContext.BaseDirectory, relative);

    public Task InitializeAsync() => Store.InitializeAsync(CancellationToken.None);

    /// <summary>Enqueues a report now and runs it through the real runner, as a consumer would.</summary>
    public async Task<RunResult> RunAsync(string reference, string payload, string? queue = null)
    {
        await Store.EnqueueAsync(new NewWorkItem(queue ?? Bot.Queue, reference, payload, []), "test", CancellationToken.None);
        return await RunNextAsync(queue ?? Bot.Queue);
    }

    /// <summary>Runs the next item of a queue (the report queue, or the escalation queue with the escalation bot).</summary>
    public async Task<RunResult> RunNextAsync(string queue)
    {
        var leased = Assert.Single(await Store.LeaseAsync(queue, "test-worker", 1, TimeSpan.FromMinutes(5), CancellationToken.None));
        var bot = queue == Bot.Queue ? (Core.Bots.IBot)Bot : Escalations;
        var runner = new BotRunner(Store, Store, Blobs, Policy(), TestResilience.Create(_loggerFactory), _loggerFactory.CreateLogger<BotRunner>());
        return await runner.RunAsync(bot, leased, "test-worker", Retry, CancellationToken.None);
    }

    public static string Report(object report) => JsonSerializer.Serialize(report, Web);

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
