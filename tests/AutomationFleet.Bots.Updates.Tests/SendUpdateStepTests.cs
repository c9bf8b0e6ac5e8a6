using System.Text.Json;
using System.Text.RegularExpressions;
using AutomationFleet.Connectors.Mail;
using AutomationFleet.Connectors.Tests.Mail;
using AutomationFleet.Core.Running;
using AutomationFleet.Core.SideEffects;
using AutomationFleet.Core.Updates;
using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AutomationFleet.Bots.Updates.Tests;

/// <summary>
/// Updates from a citizen item through the real runner to aiosmtpd on loopback: one message per touch point however
/// often the touch points are raised again, the daily cap counted in the store, and no personal data in the logs.
/// </summary>
[Collection(MailServersCollection.Name)]
[Trait("Category", "Integration")]
public sealed partial class SendUpdateStepTests(MailServersFixture servers)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly CapturingLoggerProvider _logs = new();

    [Fact]
    public async Task RunAsync_ItemThroughABotThenEveryTouchPointRaisedAgain_ExactlyOneMessagePerTouchPoint()
    {
        await using var kit = new UpdatesTestKit(CreateSender(), _logs, dailyCap: 10);
        await kit.InitializeAsync();
        var address = Address();
        var item = await kit.EnqueueFormAsync("form-1", address);

        Assert.Equal(RunResult.Completed, await kit.RunNextAsync(kit.Forms));
        foreach (var touchPoint in Enum.GetValues<TouchPoint>())
        {
            // As a redo of the item would: each touch point is an enqueue under its fixed reference.
            await kit.Updates.RaiseAsync(item, touchPoint, None, "Blue Badge team");
        }

        var results = await kit.DrainUpdatesAsync();

        Assert.Equal(5, results.Count);
        Assert.All(results, r => Assert.Equal(RunResult.Completed, r));
        var mails = await MailsToAsync(address);
        Assert.Equal(
            ["Decided: AF-000001", "Done: AF-000001", "PassedToService: AF-000001", "Received: AF-000001", "TimescaleAtRisk: AF-000001"],
            mails.Select(m => m.Subject!).Order(StringComparer.Ordinal));
        var passed = mails.Single(m => m.Subject!.StartsWith("PassedToService", StringComparison.Ordinal));
        Assert.Contains("(Blue Badge team)", passed.TextBody!, StringComparison.Ordinal);
        Assert.All(mails, m => Assert.Contains("https://status.council.example/updates/opt-out?token=", m.TextBody, StringComparison.Ordinal));
        Assert.All(mails, m => Assert.DoesNotContain("Rita", m.TextBody, StringComparison.Ordinal));
        Assert.All(mails, m => Assert.Equal(SmtpMailSender.MessageIdFor(m.Headers[SmtpMailSender.ReferenceHeader]!, "council.example"), m.MessageId));
        Assert.DoesNotContain(_logs.Lines, l => l.Contains(address, StringComparison.OrdinalIgnoreCase) || l.Contains("Ann", StringComparison.Ordinal));
        Assert.All(await kit.Store.ListUpdatesAsync(UpdatesTestKit.MondayMorning, None), u => Assert.True(u.Sent));
    }

    [Fact]
    public async Task RunAsync_MoreUpdatesThanTheDailyCap_CappedOnesDroppedWithARecordAndTheNextDaySent()
    {
        await using var kit = new UpdatesTestKit(CreateSender(), _logs, dailyCap: 2);
        await kit.InitializeAsync();
        var address = Address();
        await kit.EnqueueFormAsync("form-cap-1", address);
        await kit.RunNextAsync(kit.Forms);

        var monday = await kit.DrainUpdatesAsync();

        Assert.Equal(4, monday.Count(r => r == RunResult.Completed));
        Assert.Equal(2, (await MailsToAsync(address)).Count);
        var capped = new List<string>();
        foreach (var touchPoint in new[] { TouchPoint.Received, TouchPoint.Decided, TouchPoint.PassedToService, TouchPoint.Done })
        {
            var record = await ((ISideEffectLedger)kit.Store).FindAsync(IdempotencyKey.For(UpdateRequest.ReferenceFor("form-cap-1", touchPoint), SendUpdateStep.StepName), None);
            if (record!.ResultJson!.Contains("Capped", StringComparison.Ordinal))
            {
                capped.Add(touchPoint.ToString());
            }
        }

        Assert.Equal(2, capped.Count);

        kit.Clock.Advance(TimeSpan.FromDays(1));
        await kit.EnqueueFormAsync("form-cap-2", address);
        await kit.RunNextAsync(kit.Forms);
        await kit.DrainUpdatesAsync();

        Assert.Equal(4, (await MailsToAsync(address)).Count);
    }

    [Fact]
    public async Task RunAsync_ItemFromTheInboxFolderWithNoAddress_CompletedWithoutMailAndSaysWhy()
    {
        await using var kit = new UpdatesTestKit(CreateSender(), _logs, dailyCap: 10);
        await kit.InitializeAsync();
        await kit.Store.EnqueueAsync(new NewWorkItem("forms", "letter-1", "{\"person\":{\"givenName\":\"Ann\"}}"), "test", None);
        await kit.RunNextAsync(kit.Forms);

        var results = await kit.DrainUpdatesAsync();

        Assert.All(results, r => Assert.Equal(RunResult.Completed, r));
        var record = await ((ISideEffectLedger)kit.Store).FindAsync(IdempotencyKey.For(UpdateRequest.ReferenceFor("letter-1", TouchPoint.Done), SendUpdateStep.StepName), None);
        Assert.Contains("no e-mail address", record!.ResultJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NotAnUpdateRequest_BusinessExceptionWithTheErrorKept()
    {
        await using var kit = new UpdatesTestKit(CreateSender(), _logs);
        await kit.InitializeAsync();
        await kit.Store.EnqueueAsync(new NewWorkItem("updates", "junk", "{\"hello\":1}"), "test", None);

        Assert.Equal(RunResult.BusinessException, await kit.RunNextAsync(kit.UpdatesBot));
        var item = await kit.Store.FindAsync("junk", None);
        Assert.Equal(WorkItemState.BusinessException, item!.State);
        Assert.Contains("not an update request", item.LastError, StringComparison.Ordinal);
    }

    internal static string Address() => $"u{Guid.NewGuid():N}"[..12] + "@example.org";

    internal async Task<List<MimeMessage>> MailsToAsync(string address)
    {
        var mails = new List<MimeMessage>();
        foreach (var file in servers.ReceivedMessageFiles())
        {
            var message = await MimeMessage.LoadAsync(file);
            if (message.To.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase)))
            {
                mails.Add(message);
            }
        }

        return mails;
    }

    internal static string LinkIn(MimeMessage message) => LinkPattern().Match(message.TextBody ?? "").Value;

    internal SmtpMailSender CreateSender()
    {
        var loggerFactory = LoggerFactory.Create(b => b.AddProvider(_logs));
        return new SmtpMailSender(
            Options.Create(new SmtpOptions
            {
                Enabled = true,
                Host = "127.0.0.1",
                Port = servers.SmtpPort,
                Security = MailSecurity.None,
                From = "updates@council.example",
                FromName = "Example County Council",
                CommandTimeout = TimeSpan.FromSeconds(10),
            }),
            TestResilience.Create(loggerFactory),
            TimeProvider.System,
            loggerFactory.CreateLogger<SmtpMailSender>());
    }

    [GeneratedRegex(@"https://\S+token=\S+")]
    private static partial Regex LinkPattern();
}
