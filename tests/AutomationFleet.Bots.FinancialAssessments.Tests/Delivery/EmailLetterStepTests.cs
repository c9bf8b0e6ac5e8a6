using System.Text.Json;
using AutomationFleet.Bots.FinancialAssessments.Delivery;
using AutomationFleet.Bots.FinancialAssessments.Letters;
using AutomationFleet.Bots.FinancialAssessments.Tests.Letters;
using AutomationFleet.Connectors.Mail;
using AutomationFleet.Connectors.Tests.Mail;
using AutomationFleet.Core.Confidence;
using AutomationFleet.Core.Running;
using AutomationFleet.Core.SideEffects;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Storage.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AutomationFleet.Bots.FinancialAssessments.Tests.Delivery;

/// <summary>
/// The letter sent by the real runner, bot and SMTP sender to aiosmtpd on loopback, with a SQLite store of its own:
/// who gets it, what it carries, what is logged, and that a crash between sending and recording never sends it twice.
/// </summary>
[Collection(MailServersCollection.Name)]
[Trait("Category", "Integration")]
public sealed class EmailLetterStepTests : IAsyncLifetime, IDisposable
{
    private const string WorkerId = "test-worker";
    private const string Person = "a.example@example.org";
    private const string SocialWorker = "sw.team@council.example";
    private static readonly RetryPolicy Retry = new(3, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private readonly MailServersFixture _servers;
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggerFactory;
    private readonly BotTestKit _kit;
    private readonly SqliteFleetStore _store;

    public EmailLetterStepTests(MailServersFixture servers)
    {
        _servers = servers;
        _loggerFactory = LoggerFactory.Create(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        _kit = new BotTestKit(mail: CreateSender(servers.SmtpPort));
        _store = new SqliteFleetStore(new SqliteStoreOptions { Path = Path.Combine(Path.GetDirectoryName(_kit.PrintFolder)!, "fleet.db") }, _kit.Clock);
    }

    public Task InitializeAsync() => _store.InitializeAsync(CancellationToken.None);

    public async Task DisposeAsync() => await _store.DisposeAsync();

    public void Dispose()
    {
        _loggerFactory.Dispose();
        _kit.Dispose();
    }

    [Fact]
    public async Task RunAsync_EmailCase_LetterToThePersonCopiedToTheSocialWorkerAndNothingPrinted()
    {
        var before = _servers.ReceivedMessageFiles();
        var document = EmailCase(Person, SocialWorker);

        Assert.Equal(RunResult.Completed, await RunNewAsync("email-1", document));

        var received = await OnlyNewAsync(before);
        Assert.Equal(Person, received.To.Mailboxes.Single().Address);
        Assert.Equal("Mrs A Example", received.To.Mailboxes.Single().Name);
        Assert.Equal(SocialWorker, received.Cc.Mailboxes.Single().Address);
        Assert.Equal(new LetterOptions().Email, received.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal("financial.assessments@council.example", received.From.Mailboxes.Single().Address);
        Assert.Equal(EmailLetterStep.SubjectFor("FA-2"), received.Subject);
        Assert.Contains("(reference FA-2)", received.Subject, StringComparison.Ordinal);
        Assert.Contains("Dear Mrs A Example,", received.TextBody, StringComparison.Ordinal);
        var pdf = Assert.Single(received.Attachments.OfType<MimePart>());
        Assert.Equal(("application/pdf", "FA-2.pdf"), (pdf.ContentType.MimeType, pdf.FileName));
        using var content = new MemoryStream();
        await pdf.Content!.DecodeToAsync(content);
        var charge = BotTestKit.Outcome((await _store.FindAsync("email-1", CancellationToken.None))!.OutcomeJson!).WeeklyCharge;
        Assert.Contains($"You will pay {ChargeLetterWriter.Pounds(charge)} a week", PdfText.Read(content.ToArray()).Text, StringComparison.Ordinal);
        Assert.Empty(_kit.PrintedFiles());

        var sent = await LedgerAsync("email-1", EmailLetterStep.StepName);
        Assert.Equal(SideEffectStatus.Completed, sent.Status);
        Assert.Contains(received.MessageId!, sent.ResultJson, StringComparison.Ordinal);
        AssertNoPersonalDataLogged();
    }

    [Fact]
    public async Task RunAsync_PostCase_PrintedAndNoMail()
    {
        var before = _servers.ReceivedMessageFiles().Count;

        Assert.Equal(RunResult.Completed, await RunNewAsync("post-1", ChargeLetterWriterTests.Sample("FA-2")));

        Assert.True(File.Exists(Path.Combine(_kit.PrintFolder, "post-1.pdf")));
        Assert.Equal(before, _servers.ReceivedMessageFiles().Count);
        Assert.Contains("skipped", (await LedgerAsync("post-1", EmailLetterStep.StepName)).ResultJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CrashBetweenSendingAndRecording_NotSentTwiceAndToAPerson()
    {
        var before = _servers.ReceivedMessageFiles();
        await _store.EnqueueAsync(new NewWorkItem(_kit.Bot.Queue, "crash-1", EmailCase(Person, SocialWorker), []), "test", CancellationToken.None);

        // The worker dies once the server has the message but before the ledger says so.
        var dying = new BotRunner(
            _store, new DiesBeforeRecording(_store, EmailLetterStep.StepName), _kit.Blobs, Policy(), TestResilience.Create(_loggerFactory),
            _loggerFactory.CreateLogger<BotRunner>());
        var leased = Assert.Single(await _store.LeaseAsync(_kit.Bot.Queue, WorkerId, 1, Lease, CancellationToken.None));
        await Assert.ThrowsAsync<WorkerDiedException>(() => dying.RunAsync(_kit.Bot, leased, WorkerId, Retry, CancellationToken.None));
        Assert.Single(_servers.ReceivedMessageFiles().Except(before));
        Assert.Equal(SideEffectStatus.Started, (await LedgerAsync("crash-1", EmailLetterStep.StepName)).Status);

        // Its lease runs out and another worker takes the item.
        _kit.Clock.Advance(Lease + TimeSpan.FromMinutes(1));
        Assert.Equal(RunResult.SentToReview, await RunNextAsync());

        Assert.Single(_servers.ReceivedMessageFiles().Except(before));
        var item = (await _store.FindAsync("crash-1", CancellationToken.None))!;
        Assert.Equal(WorkItemState.NeedsReview, item.State);
        var task = (await _store.GetAsync(item.Id, CancellationToken.None))!;
        Assert.Contains(task.Request.Reasons, r => r.Contains(EmailLetterStep.StepName, StringComparison.Ordinal) && r.Contains(BotRunner.MidStepReason, StringComparison.Ordinal));
        AssertNoPersonalDataLogged();
    }

    [Fact]
    public async Task RunAsync_ServerRefusesTheAddressWith550_ToAPersonWithTheServersAnswerNotLogged()
    {
        var before = _servers.ReceivedMessageFiles().Count;

        Assert.Equal(RunResult.SentToReview, await RunNewAsync("refused-1", EmailCase(MailServersFixture.RejectedRecipient, null)));

        Assert.Equal(before, _servers.ReceivedMessageFiles().Count);
        var item = (await _store.FindAsync("refused-1", CancellationToken.None))!;
        var reason = Assert.Single((await _store.GetAsync(item.Id, CancellationToken.None))!.Request.Reasons);
        Assert.Contains("SMTP 550", reason, StringComparison.Ordinal);
        Assert.Contains("No such mailbox", reason, StringComparison.Ordinal);
        Assert.Null(await Ledger.FindAsync(IdempotencyKey.For("refused-1", EmailLetterStep.StepName), CancellationToken.None));
        Assert.DoesNotContain(_logs.Lines, l => l.Contains(MailServersFixture.RejectedRecipient, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task RunAsync_ServerDown_RetriedThroughTheMailPipelineThenLeftToRetryWithNothingSent()
    {
        var before = _servers.ReceivedMessageFiles().Count;
        using var kit = new BotTestKit(mail: CreateSender(ClosedPort()));

        await _store.EnqueueAsync(new NewWorkItem(kit.Bot.Queue, "down-1", EmailCase(Person, null), []), "test", CancellationToken.None);
        var leased = Assert.Single(await _store.LeaseAsync(kit.Bot.Queue, WorkerId, 1, Lease, CancellationToken.None));

        Assert.Equal(RunResult.Retrying, await Runner().RunAsync(kit.Bot, leased, WorkerId, Retry, CancellationToken.None));

        Assert.Equal(before, _servers.ReceivedMessageFiles().Count);
        Assert.Null(await Ledger.FindAsync(IdempotencyKey.For("down-1", EmailLetterStep.StepName), CancellationToken.None));
        Assert.Contains(_logs.Lines, l => l.Contains("Retry", StringComparison.OrdinalIgnoreCase));
        AssertNoPersonalDataLogged();
    }

    [Fact]
    public async Task RunAsync_EmailCaseWithoutAddress_ToAPersonNamingTheFieldAndNothingSent()
    {
        var before = _servers.ReceivedMessageFiles().Count;

        Assert.Equal(RunResult.SentToReview, await RunNewAsync("no-address-1", BotTestKit.WithDelivery(ChargeLetterWriterTests.Sample("FA-2"), """{ "method": "email" }""")));

        Assert.Equal(before, _servers.ReceivedMessageFiles().Count);
        var item = (await _store.FindAsync("no-address-1", CancellationToken.None))!;
        Assert.Contains((await _store.GetAsync(item.Id, CancellationToken.None))!.Request.Reasons, r => r.StartsWith("delivery.email: is missing", StringComparison.Ordinal));
        Assert.Empty(await Ledger.ListAsync(item.Id, CancellationToken.None));
    }

    [Fact]
    public async Task DeliverAsync_MailNotSetUp_RefusedNamingTheSetting()
    {
        using var kit = new BotTestKit();
        var decision = await kit.DecideAsync(EmailCase(Person, null));

        var error = await Assert.ThrowsAsync<Core.Delivery.PermanentDeliveryException>(() => kit.DeliverAsync(EmailLetterStep.StepName, decision.OutcomeJson!));

        Assert.Contains("Mail:Smtp:Enabled", error.Message, StringComparison.Ordinal);
        Assert.False(kit.Bot.DeliverySteps.Single(s => s.Name == EmailLetterStep.StepName).IsIdempotent);
    }

    private static string EmailCase(string to, string? copyTo) => BotTestKit.WithDelivery(
        ChargeLetterWriterTests.Sample("FA-2"),
        JsonSerializer.Serialize(new Dictionary<string, string?> { ["method"] = "email", ["email"] = to, ["copyTo"] = copyTo }.Where(p => p.Value is not null).ToDictionary()));

    // The store is both the queue and the ledger, and both have FindAsync(string).
    private ISideEffectLedger Ledger => _store;

    private SmtpMailSender CreateSender(int port) => new(
        Options.Create(new SmtpOptions
        {
            Enabled = true,
            Host = "127.0.0.1",
            Port = port,
            Security = MailSecurity.None,
            From = "financial.assessments@council.example",
            FromName = "Financial Assessment Team",
            CommandTimeout = TimeSpan.FromSeconds(10),
        }),
        TestResilience.Create(_loggerFactory),
        TimeProvider.System,
        _loggerFactory.CreateLogger<SmtpMailSender>());

    private static ConfidencePolicy Policy() => new(new FixedOptionsMonitor<ConfidenceOptions>(new ConfidenceOptions()));

    private BotRunner Runner() =>
        new(_store, _store, _kit.Blobs, Policy(), TestResilience.Create(_loggerFactory), _loggerFactory.CreateLogger<BotRunner>());

    private async Task<RunResult> RunNewAsync(string reference, string document)
    {
        await _store.EnqueueAsync(new NewWorkItem(_kit.Bot.Queue, reference, document, []), "test", CancellationToken.None);
        return await RunNextAsync();
    }

    private async Task<RunResult> RunNextAsync()
    {
        var leased = Assert.Single(await _store.LeaseAsync(_kit.Bot.Queue, WorkerId, 1, Lease, CancellationToken.None));
        return await Runner().RunAsync(_kit.Bot, leased, WorkerId, Retry, CancellationToken.None);
    }

    private async Task<SideEffectRecord> LedgerAsync(string reference, string step) =>
        (await Ledger.FindAsync(IdempotencyKey.For(reference, step), CancellationToken.None))!;

    private void AssertNoPersonalDataLogged()
    {
        Assert.NotEmpty(_logs.Lines);
        foreach (var secret in new[] { Person, SocialWorker, "Mrs A Example", "Sample Road" })
        {
            Assert.DoesNotContain(_logs.Lines, l => l.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    private async Task<MimeMessage> OnlyNewAsync(IReadOnlyList<string> before) =>
        await MimeMessage.LoadAsync(Assert.Single(_servers.ReceivedMessageFiles().Except(before)));

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The store's ledger, except that recording <paramref name="step"/> as done kills the worker.</summary>
    private sealed class DiesBeforeRecording(ISideEffectLedger ledger, string step) : ISideEffectLedger
    {
        public Task<SideEffectRecord?> FindAsync(string key, CancellationToken cancellationToken) => ledger.FindAsync(key, cancellationToken);

        public Task BeginAsync(string key, long itemId, string step, bool isIdempotent, CancellationToken cancellationToken) =>
            ledger.BeginAsync(key, itemId, step, isIdempotent, cancellationToken);

        public Task CompleteAsync(string key, string? resultJson, CancellationToken cancellationToken) =>
            key.EndsWith(step, StringComparison.Ordinal) ? throw new WorkerDiedException() : ledger.CompleteAsync(key, resultJson, cancellationToken);

        public Task AbandonAsync(string key, CancellationToken cancellationToken) => ledger.AbandonAsync(key, cancellationToken);

        public Task<IReadOnlyList<SideEffectRecord>> ListAsync(long itemId, CancellationToken cancellationToken) => ledger.ListAsync(itemId, cancellationToken);
    }

    private sealed class WorkerDiedException : Exception;

    private sealed class FixedOptionsMonitor<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
