using System.Text;
using AutomationFleet.Connectors.Mail;
using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AutomationFleet.Connectors.Tests.Mail;

[Collection(MailServersCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ImapMailboxSourceTests(MailServersFixture servers) : IAsyncLifetime
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(60);
    private readonly TestStore _store = new();
    private readonly CapturingLoggerProvider _logs = new();
    private (string User, string Password) _account;

    public async Task InitializeAsync() => _account = await servers.AddUserAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task PollOnceAsync_MessageWithPdf_EnqueuedWithAttachmentsThenMovedToProcessed()
    {
        await ImapProbe.AppendAsync(servers, _account, TestMessages.WithPdf("letter-1@example.org"));
        var source = CreateSut(_store.Store);

        var result = await source.PollOnceAsync(CancellationToken.None);

        Assert.Equal(new ImapPollResult(1, 1, 0, 0), result);
        var item = Assert.Single(await _store.ItemsAsync());
        Assert.Equal($"imap:{_account.User}@127.0.0.1/INBOX:letter-1@example.org", item.Reference);
        Assert.Equal(["message/rfc822", "application/pdf", "text/plain"], item.Attachments.Select(a => a.MediaType));
        var pdf = await _store.ReadBlobAsync(item.Attachments[1].ContentHash);
        Assert.Equal(TestMessages.Pdf("Blue Badge renewal form"), pdf);
        Assert.Contains("renewal form attached", Encoding.UTF8.GetString(await _store.ReadBlobAsync(item.Attachments[2].ContentHash)), StringComparison.Ordinal);
        var original = MimeMessage.Load(new MemoryStream(await _store.ReadBlobAsync(item.Attachments[0].ContentHash)));
        Assert.Equal("letter-1@example.org", original.MessageId);

        var payload = InboundMailPayload.FromJson(item.PayloadJson);
        Assert.NotNull(payload);
        Assert.Equal(TestMessages.SenderAddress, payload.From);
        Assert.Equal(64, payload.FromHash?.Length);
        Assert.Equal("My Blue Badge renewal", payload.Subject);
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero), payload.Date);
        Assert.Equal("Processed", payload.Folder);
        Assert.Equal(["original", "attachment", "body"], payload.Parts.Select(p => p.Role));
        Assert.Equal("renewal form.pdf", payload.Parts[1].Name);
        Assert.Empty(payload.Problems);

        Assert.Equal(0, await ImapProbe.CountAsync(servers, _account, "INBOX"));
        Assert.Equal(["letter-1@example.org"], await ImapProbe.MessageIdsAsync(servers, _account, "Processed"));
        Assert.DoesNotContain(_logs.Lines, line => line.Contains(TestMessages.SenderAddress, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(_logs.Lines, line => line.Contains("renewal form.pdf", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PollOnceAsync_SameMessageDeliveredAgain_NoSecondItem()
    {
        var letter = TestMessages.WithPdf("letter-2@example.org");
        await ImapProbe.AppendAsync(servers, _account, letter);
        await CreateSut(_store.Store).PollOnceAsync(CancellationToken.None);
        await ImapProbe.AppendAsync(servers, _account, letter);

        var second = await CreateSut(_store.Store).PollOnceAsync(CancellationToken.None);
        var third = await CreateSut(_store.Store).PollOnceAsync(CancellationToken.None);

        Assert.Equal(new ImapPollResult(1, 0, 1, 0), second);
        Assert.Equal(new ImapPollResult(0, 0, 0, 0), third);
        Assert.Single(await _store.ItemsAsync());
        Assert.Equal(0, await ImapProbe.CountAsync(servers, _account, "INBOX"));
    }

    [Fact]
    public async Task ExecuteAsync_StoppedBetweenEnqueueAndMove_NextRunMovesWithoutNewItem()
    {
        await ImapProbe.AppendAsync(servers, _account, TestMessages.WithPdf("letter-3@example.org"));
        var enqueued = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var crashing = new ControlledWorkQueue(_store.Store)
        {
            AfterEnqueue = async (_, token) =>
            {
                enqueued.TrySetResult();
                await Task.Delay(Timeout.Infinite, token);
            },
        };
        var first = CreateSut(crashing);

        await first.StartAsync(CancellationToken.None);
        await enqueued.Task.WaitAsync(WaitLimit);
        await first.StopAsync(CancellationToken.None);

        Assert.True(first.ExecuteTask!.IsCompleted);
        var item = Assert.Single(await _store.ItemsAsync());
        Assert.Equal(1, await ImapProbe.CountAsync(servers, _account, "INBOX"));

        var result = await CreateSut(_store.Store).PollOnceAsync(CancellationToken.None);

        Assert.Equal(new ImapPollResult(1, 0, 1, 0), result);
        Assert.Equal(item.Id, Assert.Single(await _store.ItemsAsync()).Id);
        Assert.Single(await _store.Store.GetAuditTrailAsync(item.Id, CancellationToken.None));
        Assert.Equal(0, await ImapProbe.CountAsync(servers, _account, "INBOX"));
        Assert.Equal(1, await ImapProbe.CountAsync(servers, _account, "Processed"));
    }

    [Fact]
    public async Task PollOnceAsync_EnqueueFails_MessageStaysInMailbox()
    {
        await ImapProbe.AppendAsync(servers, _account, TestMessages.WithPdf("letter-4@example.org"));
        var failing = new ControlledWorkQueue(_store.Store)
        {
            BeforeEnqueue = (_, _) => throw new InvalidOperationException("store unavailable"),
        };

        await Assert.ThrowsAsync<InvalidOperationException>(() => CreateSut(failing).PollOnceAsync(CancellationToken.None));

        Assert.Empty(await _store.ItemsAsync());
        Assert.Equal(1, await ImapProbe.CountAsync(servers, _account, "INBOX"));
        Assert.Equal(0, await ImapProbe.CountAsync(servers, _account, "Processed"));
    }

    [Fact]
    public async Task ExecuteAsync_DovecotKilledMidRun_NothingLostAndWorkerSurvives()
    {
        var early = Enumerable.Range(1, 5).Select(n => TestMessages.WithPdf($"drop-{n}@example.org", $"page {n}")).ToArray();
        await ImapProbe.AppendAsync(servers, _account, early);
        var firstEnqueue = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = new ControlledWorkQueue(_store.Store)
        {
            AfterEnqueue = async (_, token) =>
            {
                firstEnqueue.TrySetResult();
                await Task.Delay(TimeSpan.FromMilliseconds(300), token);
            },
        };
        var source = CreateSut(slow);

        await source.StartAsync(CancellationToken.None);
        try
        {
            await firstEnqueue.Task.WaitAsync(WaitLimit);
            await servers.KillImapAsync();
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.False(source.ExecuteTask!.IsCompleted);
            await servers.StartImapAsync();
            await ImapProbe.AppendAsync(
                servers, _account, TestMessages.WithPdf("drop-6@example.org", "page 6"), TestMessages.WithPdf("drop-7@example.org", "page 7"));

            await WaitUntilAsync(async () => (await _store.ItemsAsync()).Count == 7 && await ImapProbe.CountAsync(servers, _account, "INBOX") == 0);

            Assert.False(source.ExecuteTask.IsCompleted);
        }
        finally
        {
            await source.StopAsync(CancellationToken.None);
        }

        var items = await _store.ItemsAsync();
        var expected = Enumerable.Range(1, 7).Select(n => $"imap:{_account.User}@127.0.0.1/INBOX:drop-{n}@example.org").ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), items.Select(i => i.Reference).Order(StringComparer.Ordinal));
        Assert.All(items, item => Assert.Equal(3, item.Attachments.Count));
        var processed = await ImapProbe.MessageIdsAsync(servers, _account, "Processed");
        Assert.Equal(7, processed.Distinct().Count());
        Assert.Contains(_logs.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains("Source: 'imap/", StringComparison.Ordinal) && line.Contains("Handled: 'True'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExecuteAsync_WrongPassword_KeepsRunningAndEnqueuesNothing()
    {
        await ImapProbe.AppendAsync(servers, _account, TestMessages.WithPdf("letter-5@example.org"));
        var source = CreateSut(_store.Store, options => options.Password = "wrong");

        await source.StartAsync(CancellationToken.None);
        await WaitUntilAsync(() => Task.FromResult(_logs.Lines.Any(line => line.Contains("unreachable after retries (AuthenticationException)", StringComparison.Ordinal))));
        await Task.Delay(TimeSpan.FromSeconds(1));
        var running = !source.ExecuteTask!.IsCompleted;
        await source.StopAsync(CancellationToken.None);

        Assert.True(running);
        Assert.Empty(await _store.ItemsAsync());
        Assert.Equal(1, await ImapProbe.CountAsync(servers, _account, "INBOX"));
    }

    [Fact]
    public async Task PollOnceAsync_EmptyMessage_EnqueuedUnderContentHashWithProblems()
    {
        var empty = new MimeMessage();
        empty.Headers.RemoveAll(HeaderId.MessageId);
        empty.Headers.RemoveAll(HeaderId.Date);
        empty.Body = new TextPart("plain") { Text = "" };
        await ImapProbe.AppendAsync(servers, _account, empty);

        var result = await CreateSut(_store.Store).PollOnceAsync(CancellationToken.None);

        Assert.Equal(1, result.Enqueued);
        var item = Assert.Single(await _store.ItemsAsync());
        Assert.StartsWith($"imap:{_account.User}@127.0.0.1/INBOX:sha256:", item.Reference, StringComparison.Ordinal);
        Assert.Equal("message/rfc822", Assert.Single(item.Attachments).MediaType);
        var payload = InboundMailPayload.FromJson(item.PayloadJson)!;
        Assert.Null(payload.From);
        Assert.Contains(payload.Problems, p => p.Contains("no Message-ID", StringComparison.Ordinal));
        Assert.Contains(payload.Problems, p => p.Contains("no sender", StringComparison.Ordinal));
        Assert.Contains(payload.Problems, p => p.Contains("neither a text body", StringComparison.Ordinal));
        Assert.Equal(1, await ImapProbe.CountAsync(servers, _account, "Processed"));
    }

    [Fact]
    public async Task PollOnceAsync_UnknownCharset_EnqueuedWithBodyTextAndProblem()
    {
        await ImapProbe.AppendAsync(servers, _account, TestMessages.FromRaw(
            "From: someone@example.org\r\nSubject: charset\r\nMessage-ID: <charset-1@example.org>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=\"x-no-such-charset\"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "Caf\u00e9 \u00ff\u00fe letter about a pothole\r\n"));

        var result = await CreateSut(_store.Store).PollOnceAsync(CancellationToken.None);

        Assert.Equal(1, result.Enqueued);
        var item = Assert.Single(await _store.ItemsAsync());
        Assert.Equal(["message/rfc822", "text/plain"], item.Attachments.Select(a => a.MediaType));
        Assert.Contains("letter about a pothole", Encoding.UTF8.GetString(await _store.ReadBlobAsync(item.Attachments[1].ContentHash)), StringComparison.Ordinal);
        var payload = InboundMailPayload.FromJson(item.PayloadJson)!;
        Assert.Contains(payload.Problems, p => p.Contains("x-no-such-charset", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PollOnceAsync_HtmlOnlyBody_BodyKeptAsText()
    {
        var message = TestMessages.Plain("html-1@example.org", "unused");
        message.Body = new TextPart("html") { Text = "<html><head><style>p{}</style></head><body><p>Bin not collected</p><p>Flat 2</p></body></html>" };
        await ImapProbe.AppendAsync(servers, _account, message);

        await CreateSut(_store.Store).PollOnceAsync(CancellationToken.None);

        var item = Assert.Single(await _store.ItemsAsync());
        var text = Encoding.UTF8.GetString(await _store.ReadBlobAsync(item.Attachments.Single(a => a.MediaType == "text/plain").ContentHash));
        Assert.Equal("Bin not collected\nFlat 2", text);
    }

    [Fact]
    public async Task PollOnceAsync_MessageOverSizeLimit_EnqueuedAndMovedToQuarantine()
    {
        var big = TestMessages.WithPdf("big-1@example.org", new string('x', 40_000));
        await ImapProbe.AppendAsync(servers, _account, big, TestMessages.WithPdf("small-1@example.org"));

        var result = await CreateSut(_store.Store, options => options.MaxMessageBytes = 20_000).PollOnceAsync(CancellationToken.None);

        Assert.Equal(new ImapPollResult(2, 2, 0, 1), result);
        var item = Assert.Single(await _store.ItemsAsync(), i => i.Reference.EndsWith(":big-1@example.org", StringComparison.Ordinal));
        Assert.Empty(item.Attachments);
        var payload = InboundMailPayload.FromJson(item.PayloadJson)!;
        Assert.Equal("Quarantine", payload.Folder);
        Assert.Equal(TestMessages.SenderAddress, payload.From);
        Assert.Contains(payload.Problems, p => p.Contains("MaxMessageBytes", StringComparison.Ordinal));
        Assert.Equal(["big-1@example.org"], await ImapProbe.MessageIdsAsync(servers, _account, "Quarantine"));
        Assert.Equal(["small-1@example.org"], await ImapProbe.MessageIdsAsync(servers, _account, "Processed"));
        Assert.Equal(0, await ImapProbe.CountAsync(servers, _account, "INBOX"));
    }

    [Fact]
    public async Task PollOnceAsync_MessageIdReusedByDifferentMessage_BothEnqueued()
    {
        await ImapProbe.AppendAsync(
            servers, _account, TestMessages.Plain("reused@example.org", "first letter"), TestMessages.Plain("reused@example.org", "second letter"));

        var result = await CreateSut(_store.Store).PollOnceAsync(CancellationToken.None);

        Assert.Equal(2, result.Enqueued);
        var references = (await _store.ItemsAsync()).Select(i => i.Reference).ToList();
        Assert.Equal(2, references.Count);
        Assert.Contains($"imap:{_account.User}@127.0.0.1/INBOX:reused@example.org", references);
        Assert.Contains(references, r => r.StartsWith($"imap:{_account.User}@127.0.0.1/INBOX:reused@example.org:sha256:", StringComparison.Ordinal));
    }

    private ImapMailboxSource CreateSut(IWorkQueue queue, Action<ImapMailboxOptions>? configure = null)
    {
        var options = new ImapMailboxOptions
        {
            Enabled = true,
            Host = "127.0.0.1",
            Port = servers.ImapPort,
            Security = MailSecurity.None,
            Username = _account.User,
            Password = _account.Password,
            PollInterval = TimeSpan.FromMilliseconds(200),
            CommandTimeout = TimeSpan.FromSeconds(10),
        };
        configure?.Invoke(options);
        var validation = new ImapMailboxOptionsValidator().Validate(null, options);
        Assert.True(validation.Succeeded, validation.FailureMessage);
        var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        return new ImapMailboxSource(
            Options.Create(options),
            TestResilience.Create(loggerFactory),
            queue,
            _store.Blobs,
            TimeProvider.System,
            loggerFactory.CreateLogger<ImapMailboxSource>());
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition was not met in time.");
            await Task.Delay(250);
        }
    }
}
