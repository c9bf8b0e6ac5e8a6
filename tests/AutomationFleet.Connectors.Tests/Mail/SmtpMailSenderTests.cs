using AutomationFleet.Connectors.Mail;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.SideEffects;
using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AutomationFleet.Connectors.Tests.Mail;

[Collection(MailServersCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SmtpMailSenderTests(MailServersFixture servers) : IAsyncLifetime
{
    private readonly TestStore _store = new();
    private (string User, string Password) _account;

    public async Task InitializeAsync() => _account = await servers.AddUserAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task SendAsync_ToLoopbackServer_DeliveredWithReferenceHeaderAndDerivedMessageId()
    {
        var before = servers.ReceivedMessageFiles();
        var message = new MimeMessage();
        message.To.Add(new MailboxAddress("Highways", "highways@council.example"));
        message.Subject = "Pothole report";
        message.Body = new TextPart("plain") { Text = "See attached." };

        var result = await CreateSender().SendAsync(message, "imap:post/INBOX:abc@example.org#email-to-service", CancellationToken.None);

        var received = await OnlyNewAsync(before);
        Assert.Equal("imap:post/INBOX:abc@example.org#email-to-service", received.Headers[SmtpMailSender.ReferenceHeader]);
        Assert.Equal(result.MessageId, received.MessageId);
        Assert.Equal(SmtpMailSender.MessageIdFor("imap:post/INBOX:abc@example.org#email-to-service", "council.example"), received.MessageId);
        Assert.Equal("post@council.example", received.From.Mailboxes.Single().Address);
        Assert.Equal("highways@council.example", received.To.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task AcknowledgementStep_RedoneWithSameKey_SameMessageIdToSender()
    {
        var item = await IngestLetterAsync("ack-1@example.org");
        var step = new AcknowledgementStep(CreateSender(), Options.Create(SmtpOptions()));
        var context = new DeliveryContext(item, new ItemOutcome("{}", 1, "inbound-post"), IdempotencyKey.For(item.Reference, step.Name));
        var before = servers.ReceivedMessageFiles();

        var first = await step.DeliverAsync(context, CancellationToken.None);
        var second = await step.DeliverAsync(context, CancellationToken.None);

        Assert.Equal(first, second);
        var files = servers.ReceivedMessageFiles().Except(before).ToList();
        Assert.Equal(2, files.Count);
        var a = await LoadAsync(files[0]);
        var b = await LoadAsync(files[1]);
        Assert.Equal(a.MessageId, b.MessageId);
        Assert.Contains(a.MessageId!, first, StringComparison.Ordinal);
        Assert.Equal(TestMessages.SenderAddress, a.To.Mailboxes.Single().Address);
        Assert.Equal("ack-1@example.org", a.InReplyTo);
        Assert.Equal(context.IdempotencyKey, a.Headers[SmtpMailSender.ReferenceHeader]);
        var reference = CitizenReference.For(item);
        Assert.Contains(reference, a.Subject, StringComparison.Ordinal);
        Assert.Contains(reference, a.TextBody, StringComparison.Ordinal);
        Assert.False(step.IsIdempotent);
        Assert.Equal("mail", step.Pipeline);
    }

    [Fact]
    public async Task EmailToServiceStep_DeliverAsync_ForwardsPdfWithReferenceInSubject()
    {
        var item = await IngestLetterAsync("svc-1@example.org");
        var step = new EmailToServiceStep(CreateSender(), _store.Blobs);
        var outcome = new ItemOutcome("""{"category":"Blue Badge","serviceMailbox":"bluebadge@council.example"}""", 0.995, "inbound-post");
        var context = new DeliveryContext(item, outcome, IdempotencyKey.For(item.Reference, step.Name));
        var before = servers.ReceivedMessageFiles();

        var result = await step.DeliverAsync(context, CancellationToken.None);

        var received = await OnlyNewAsync(before);
        Assert.Equal($"[{CitizenReference.For(item)}] Inbound post: Blue Badge", received.Subject);
        Assert.Equal("bluebadge@council.example", received.To.Mailboxes.Single().Address);
        Assert.Equal(context.IdempotencyKey, received.Headers[SmtpMailSender.ReferenceHeader]);
        Assert.Contains(received.MessageId!, result, StringComparison.Ordinal);
        var pdf = Assert.Single(received.Attachments.OfType<MimePart>());
        Assert.Equal("application/pdf", pdf.ContentType.MimeType);
        using var content = new MemoryStream();
        await pdf.Content!.DecodeToAsync(content);
        Assert.Equal(TestMessages.Pdf("Blue Badge renewal form"), content.ToArray());
        Assert.Contains(item.Reference, received.TextBody, StringComparison.Ordinal);
        Assert.Contains("renewal form attached", received.TextBody, StringComparison.Ordinal);
        Assert.False(step.IsIdempotent);
    }

    [Fact]
    public async Task EmailToServiceStep_OutcomeWithoutServiceMailbox_SkippedWithoutMail()
    {
        var item = await IngestLetterAsync("svc-2@example.org");
        var step = new EmailToServiceStep(CreateSender(), _store.Blobs);
        var before = servers.ReceivedMessageFiles().Count;

        var result = await step.DeliverAsync(
            new DeliveryContext(item, new ItemOutcome("""{"queue":"contact-forms"}""", 1, "inbound-post"), "k#email-to-service"),
            CancellationToken.None);

        Assert.Contains("skipped", result, StringComparison.Ordinal);
        Assert.Equal(before, servers.ReceivedMessageFiles().Count);
    }

    [Fact]
    public async Task SendAsync_RecipientRefusedWith550_ThrowsPermanentDeliveryFaultNotRetried()
    {
        var before = servers.ReceivedMessageFiles().Count;
        var message = new MimeMessage();
        message.To.Add(new MailboxAddress("Nobody", MailServersFixture.RejectedRecipient));
        message.Subject = "Letter";
        message.Body = new TextPart("plain") { Text = "See attached." };

        var error = await Assert.ThrowsAsync<PermanentDeliveryException>(
            () => CreateSender().SendAsync(message, "ref-550#email-to-service", CancellationToken.None));

        Assert.Contains("SMTP 550", error.Message, StringComparison.Ordinal);
        Assert.Contains("No such mailbox", error.Message, StringComparison.Ordinal);
        Assert.False(MailFaults.IsTransient(error));
        Assert.True(MailFaults.IsPermanent(error.InnerException!));
        Assert.Equal(before, servers.ReceivedMessageFiles().Count);
    }

    [Fact]
    public async Task SendAsync_SmtpDisabled_ThrowsNamingTheSetting()
    {
        var sender = new SmtpMailSender(
            Options.Create(new SmtpOptions { Host = "127.0.0.1", From = "post@council.example" }),
            TestResilience.Create(NullLoggerFactory.Instance),
            TimeProvider.System,
            NullLogger<SmtpMailSender>.Instance);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sender.SendAsync(new MimeMessage(), "k", CancellationToken.None));

        Assert.Contains("Mail:Smtp:Enabled", error.Message, StringComparison.Ordinal);
    }

    private SmtpOptions SmtpOptions() => new()
    {
        Enabled = true,
        Host = "127.0.0.1",
        Port = servers.SmtpPort,
        Security = MailSecurity.None,
        From = "post@council.example",
        FromName = "Council post room",
        CommandTimeout = TimeSpan.FromSeconds(10),
    };

    private SmtpMailSender CreateSender() =>
        new(Options.Create(SmtpOptions()), TestResilience.Create(NullLoggerFactory.Instance), TimeProvider.System, NullLogger<SmtpMailSender>.Instance);

    private async Task<WorkItem> IngestLetterAsync(string messageId)
    {
        await ImapProbe.AppendAsync(servers, _account, TestMessages.WithPdf(messageId));
        var source = new ImapMailboxSource(
            Options.Create(new ImapMailboxOptions
            {
                Enabled = true,
                Host = "127.0.0.1",
                Port = servers.ImapPort,
                Security = MailSecurity.None,
                Username = _account.User,
                Password = _account.Password,
            }),
            TestResilience.Create(NullLoggerFactory.Instance),
            _store.Store,
            _store.Blobs,
            TimeProvider.System,
            NullLoggerFactory.Instance.CreateLogger<ImapMailboxSource>());
        await source.PollOnceAsync(CancellationToken.None);
        return (await _store.Store.FindAsync($"imap:{_account.User}@127.0.0.1/INBOX:{messageId}", CancellationToken.None))!;
    }

    private async Task<MimeMessage> OnlyNewAsync(IReadOnlyList<string> before) =>
        await LoadAsync(Assert.Single(servers.ReceivedMessageFiles().Except(before)));

    private static async Task<MimeMessage> LoadAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        return await MimeMessage.LoadAsync(stream);
    }
}
