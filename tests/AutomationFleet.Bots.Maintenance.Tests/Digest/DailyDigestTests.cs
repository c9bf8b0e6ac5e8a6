using AutomationFleet.Bots.Maintenance.Digest;
using AutomationFleet.Connectors.Mail;
using AutomationFleet.Connectors.Tests.Mail;
using AutomationFleet.Core.Running;
using AutomationFleet.Core.Users;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AutomationFleet.Bots.Maintenance.Tests.Digest;

/// <summary>
/// The daily digest through the real runner and SMTP sender to aiosmtpd on loopback, on a fake clock: one mail per
/// enabled supervisor with their scope's backlog, SLA risk and the straight-through rates; a second fire the same day
/// sends nothing; no citizen's details in the mail or the logs.
/// </summary>
[Collection(MailServersCollection.Name)]
[Trait("Category", "Integration")]
public sealed class DailyDigestTests(MailServersFixture servers) : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly CapturingLoggerProvider _logs = new();
    private MaintenanceTestKit _kit = null!;

    public async Task InitializeAsync()
    {
        _kit = new MaintenanceTestKit(CreateSender(servers.SmtpPort), _logs);
        await _kit.InitializeAsync();
        var users = _kit.Store;
        await users.AddUserAsync("dora", "h", UserRole.Supervisor, "test", None);
        await users.GrantServiceAsync("dora", "Blue Badge", "test", None);
        await users.AddUserAsync("max.lead@wendshire.example", "h", UserRole.Supervisor, "test", None);
        await users.AddUserAsync("rita", "h", UserRole.Reviewer, "test", None);
        await users.AddUserAsync("gone", "h", UserRole.Supervisor, "test", None);
        await users.SetUserDisabledAsync("gone", true, "test", None);

        var now = _kit.Clock.GetUtcNow();
        await _kit.InReviewAsync("BB-SOON", now.AddHours(2), "Blue Badge");
        await _kit.InReviewAsync("BB-LATE", now.AddHours(-1), "Blue Badge", urgent: true);
        await _kit.InReviewAsync("HW-LATER", now.AddHours(10), "Highways");
        await _kit.InReviewAsync("NO-DUE", null);
        for (var i = 0; i < 3; i++)
        {
            await _kit.CompletedAsync($"AUTO-{i}", queue: "auto");
        }
    }

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public async Task RunAsync_DailyDigest_EachEnabledSupervisorMailedOnceWithTheirNumbers()
    {
        var before = servers.ReceivedMessageFiles();

        Assert.Equal(RunResult.Completed, await _kit.RunTaskAsync("schedule:daily-digest:20261207T070000Z", MaintenanceTasks.DailyDigest));
        Assert.Equal(2, await _kit.DrainAsync());

        var mails = await Task.WhenAll(servers.ReceivedMessageFiles().Except(before).Select(f => MimeMessage.LoadAsync(f)));
        Assert.Equal(2, mails.Length);
        var dora = mails.Single(m => m.To.Mailboxes.Single().Address == "dora@council.example");
        var max = mails.Single(m => m.To.Mailboxes.Single().Address == "max.lead@wendshire.example");
        Assert.Equal("Review digest 2026-12-07: 2 open, 1 overdue, 1 due soon", dora.Subject);
        Assert.Contains("Review backlog for service Blue Badge on 2026-12-07.", dora.TextBody, StringComparison.Ordinal);
        Assert.Contains(Row("Blue Badge", 2, 1, 0, 1, 1), dora.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Highways", dora.TextBody, StringComparison.Ordinal);
        Assert.Contains("Longest overdue: BB-LATE", dora.TextBody, StringComparison.Ordinal);
        Assert.Contains("inbound-post / blue-badge: 100% (3 straight through, 0 via review)", dora.TextBody, StringComparison.Ordinal);

        Assert.Equal("Review digest 2026-12-07: 4 open, 1 overdue, 1 due soon", max.Subject);
        Assert.Contains("Review backlog for all queues", max.TextBody, StringComparison.Ordinal);
        Assert.Contains(Row("(no service)", 1, 0, 0, 0, 0), max.TextBody, StringComparison.Ordinal);
        Assert.Contains(Row("Highways", 1, 0, 0, 0, 0), max.TextBody, StringComparison.Ordinal);
        Assert.Contains(Row("total", 4, 1, 0, 1, 1), max.TextBody, StringComparison.Ordinal);

        Assert.All(mails, m => Assert.DoesNotContain("Ann Example", m.TextBody, StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Lines, l => l.Contains("Ann Example", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_DailyDigestFiredTwiceTheSameDay_NoSecondMail()
    {
        Assert.Equal(RunResult.Completed, await _kit.RunTaskAsync("schedule:daily-digest:20261207T070000Z", MaintenanceTasks.DailyDigest));
        Assert.Equal(2, await _kit.DrainAsync());
        var after = servers.ReceivedMessageFiles();

        // A manual trigger later the same day: a new sweep item, but the supervisors' digest items exist already.
        _kit.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(RunResult.Completed, await _kit.RunTaskAsync("schedule:daily-digest:20261207T100000Z", MaintenanceTasks.DailyDigest));

        Assert.Equal(0, await _kit.DrainAsync());
        Assert.Equal(after, servers.ReceivedMessageFiles());
        var ledger = await _kit.Store.ListAsync((await _kit.Store.FindAsync("digest:dora:2026-12-07", None))!.Id, None);
        Assert.Equal("digest:dora:2026-12-07#digest-mail", Assert.Single(ledger, e => e.Step == "digest-mail").Key);
    }

    [Fact]
    public async Task RunAsync_DigestMailCutOffMidSend_RetryGoesToAPersonNotASecondMail()
    {
        Assert.Equal(RunResult.Completed, await _kit.RunTaskAsync("schedule:daily-digest:20261207T070000Z", MaintenanceTasks.DailyDigest));
        var before = servers.ReceivedMessageFiles();
        foreach (var reference in new[] { "digest:dora:2026-12-07", "digest:max.lead@wendshire.example:2026-12-07" })
        {
            // An earlier attempt began the mail and died: the ledger says Started, nobody knows whether it went.
            var item = (await _kit.Store.FindAsync(reference, None))!;
            await _kit.Store.BeginAsync(reference + "#" + DigestMailStep.StepName, item.Id, DigestMailStep.StepName, isIdempotent: false, None);
        }

        Assert.Equal(RunResult.SentToReview, await _kit.RunNextAsync());
        Assert.Equal(RunResult.SentToReview, await _kit.RunNextAsync());

        Assert.Equal(before, servers.ReceivedMessageFiles());
    }

    private static string Row(string service, int open, int urgent, int escalated, int overdue, int dueSoon) =>
        $"{service,-28} {open,6} {urgent,7} {escalated,10} {overdue,8} {dueSoon,9}";

    private SmtpMailSender CreateSender(int port)
    {
        var loggerFactory = LoggerFactory.Create(b => b.AddProvider(_logs));
        return new SmtpMailSender(
            Options.Create(new SmtpOptions
            {
                Enabled = true,
                Host = "127.0.0.1",
                Port = port,
                Security = MailSecurity.None,
                From = "fleet@council.example",
                FromName = "Automation fleet",
                CommandTimeout = TimeSpan.FromSeconds(10),
            }),
            TestResilience.Create(loggerFactory),
            TimeProvider.System,
            loggerFactory.CreateLogger<SmtpMailSender>());
    }
}
