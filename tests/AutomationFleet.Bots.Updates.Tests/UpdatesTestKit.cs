using System.Text.Json;
using AutomationFleet.Bots.Updates.Channels;
using AutomationFleet.Bots.Updates.OptOut;
using AutomationFleet.Bots.Updates.Timescale;
using AutomationFleet.Connectors.Mail;
using AutomationFleet.Connectors.Tests.Mail;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Calendar;
using AutomationFleet.Core.Confidence;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Running;
using AutomationFleet.Core.Updates;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Storage.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AutomationFleet.Bots.Updates.Tests;

/// <summary>
/// A citizen item's bot (<see cref="FormBot"/>, queue <c>forms</c>, service <c>Blue Badge team</c>) and the updates bot over a
/// SQLite store in a temporary folder, a fake clock, the real runner with <see cref="ItemUpdates"/>, and a real SMTP
/// sender (or none: the outbox folder).
/// </summary>
internal sealed class UpdatesTestKit : IAsyncDisposable
{
    /// <summary>Monday 7 December 2026, 10:00 UTC.</summary>
    public static readonly DateTimeOffset MondayMorning = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    public static readonly string Key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private static readonly RetryPolicy Retry = new(3, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    private readonly string _root = Directory.CreateTempSubdirectory("fleet-updates-").FullName;
    private readonly ILoggerFactory _loggerFactory;

    public UpdatesTestKit(
        SmtpMailSender? mail, ILoggerProvider? logs = null, int dailyCap = 3, IUpdateChannel? channel = null, CaseTimescales? timescales = null)
    {
        Clock = new FakeTimeProvider(MondayMorning);
        _loggerFactory = LoggerFactory.Create(b =>
        {
            if (logs is not null)
            {
                b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
            }
        });
        Options = new UpdatesOptions
        {
            Enabled = true,
            DailyCap = dailyCap,
            OptOutUrl = "https://status.council.example/updates/opt-out",
            OptOutKey = Key,
            OutboxFolder = Path.Combine(_root, "outbox", "updates"),
            Queues = { ["forms"] = new QueueUpdateOptions { TouchPoints = [TouchPoint.Received, TouchPoint.Decided, TouchPoint.PassedToService, TouchPoint.TimescaleAtRisk, TouchPoint.Done] } },
            Wording = Enum.GetValues<TouchPoint>().ToDictionary(
                t => t,
                t => new UpdateWording { Subject = $"{t}: {{Reference}}", Body = $"Update {t} about {{Reference}} ({{Service}}) {{NewDate}}. Stop: {{OptOutUrl}}" }),
        };
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        Store = new SqliteFleetStore(new SqliteStoreOptions { Path = Path.Combine(_root, "fleet.db") }, Clock);
        Updates = new ItemUpdates(Store, options);
        Tokens = new OptOutToken(Key);
        Channel = channel ?? new EmailUpdateChannel(mail, options, Clock);
        UpdatesBot = new UpdatesBot(
            options,
            [
                new TimescaleSweepStep(Store, Store, Updates, options, timescales ?? new CaseTimescales(WorkingDayCalendar.EnglandAndWales, 20), Clock),
                new SendUpdateStep(Store, Store, new FileBlobStore(Path.Combine(_root, "blobs")), Channel, Tokens, options, Clock, _loggerFactory.CreateLogger<SendUpdateStep>()),
            ]);
    }

    public FakeTimeProvider Clock { get; }

    public UpdatesOptions Options { get; }

    public SqliteFleetStore Store { get; }

    public ItemUpdates Updates { get; }

    public OptOutToken Tokens { get; }

    public IUpdateChannel Channel { get; }

    public UpdatesBot UpdatesBot { get; }

    public FormBot Forms { get; } = new();

    public string Root => _root;

    public Task InitializeAsync() => Store.InitializeAsync(CancellationToken.None);

    /// <summary>A citizen's form on queue <c>forms</c> from <paramref name="email"/>.</summary>
    public async Task<WorkItem> EnqueueFormAsync(string reference, string email, DateTimeOffset? due = null) =>
        (await Store.EnqueueAsync(
            new NewWorkItem("forms", reference, JsonSerializer.Serialize(new { person = new { givenName = "Ann", email } }), DueAt: due),
            "test", CancellationToken.None)).Item;

    /// <summary>Runs the next item of <paramref name="bot"/>'s queue through the real runner, with updates raised.</summary>
    public async Task<RunResult> RunNextAsync(IBot bot)
    {
        var leased = Assert.Single(await Store.LeaseAsync(bot.Queue, "test-worker", 1, TimeSpan.FromMinutes(5), CancellationToken.None));
        return await Runner().RunAsync(bot, leased, "test-worker", Retry, CancellationToken.None);
    }

    /// <summary>Runs every waiting update; returns how each ended.</summary>
    public async Task<List<RunResult>> DrainUpdatesAsync()
    {
        var results = new List<RunResult>();
        while ((await Store.GetDepthAsync(CancellationToken.None)).Any(d => d.Queue == Options.Queue && d.State == WorkItemState.New && d.Count > 0))
        {
            results.Add(await RunNextAsync(UpdatesBot));
        }

        return results;
    }

    public BotRunner Runner() =>
        new(Store, Store, new FileBlobStore(Path.Combine(_root, "blobs")), Policy(), TestResilience.Create(_loggerFactory), _loggerFactory.CreateLogger<BotRunner>(), Updates);

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        _loggerFactory.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private static ConfidencePolicy Policy() => new(new FixedOptionsMonitor<ConfidenceOptions>(new ConfidenceOptions()));

    /// <summary>A citizen item's bot: decides at once, names its service, and has one idempotent step.</summary>
    public sealed class FormBot : IBot
    {
        public string Name => "forms";

        public string Queue => "forms";

        public IReadOnlyList<IDeliveryStep> DeliverySteps { get; } = [new NoteStep()];

        public Task<BotDecision> DecideAsync(BotInput input, CancellationToken cancellationToken) =>
            Task.FromResult(BotDecision.Propose("blue-badge", "{\"decision\":\"approve\",\"staffReason\":\"checked by Rita Reviewer\"}", 0.999));

        public string? ServiceOf(string outcomeJson) => "Blue Badge team";

        private sealed class NoteStep : IDeliveryStep
        {
            public string Name => "note";

            public bool IsIdempotent => true;

            public string Pipeline => "delivery";

            public Task<string?> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
        }
    }

    private sealed class FixedOptionsMonitor<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
