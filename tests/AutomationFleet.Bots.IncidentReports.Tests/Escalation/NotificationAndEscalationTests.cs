using AutomationFleet.Bots.IncidentReports.Delivery;
using AutomationFleet.Bots.IncidentReports.Escalation;
using AutomationFleet.Connectors.Mail;
using AutomationFleet.Connectors.Tests.Mail;
using AutomationFleet.Core.Incidents;
using AutomationFleet.Core.Running;
using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AutomationFleet.Bots.IncidentReports.Tests.Escalation;

/// <summary>
/// The team's notification and the supervisor's escalation, sent by the real runner and SMTP sender to aiosmtpd on
/// loopback, on a fake clock: the escalation fires before the deadline, not before its window, and only once.
/// </summary>
[Collection(MailServersCollection.Name)]
[Trait("Category", "Integration")]
public sealed class NotificationAndEscalationTests(MailServersFixture servers) : IAsyncLifetime
{
    private readonly CapturingLoggerProvider _logs = new();
    private IncidentTestKit _kit = null!;

    public async Task InitializeAsync()
    {
        _kit = new IncidentTestKit(CreateSender(servers.SmtpPort), _logs);
        await _kit.InitializeAsync();
    }

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public async Task RunAsync_AllocatedReport_TheTeamIsEmailedWithTheReferenceAndNoPersonalData()
    {
        var before = servers.ReceivedMessageFiles();

        Assert.Equal(RunResult.Completed, await _kit.RunAsync("notify-1", UrgentTree("Resident (illustrative) at 3 Albert Avenue")));

        var incident = (await _kit.Incidents.FindByReportAsync("notify-1"))!;
        var mail = await MimeMessage.LoadAsync(Assert.Single(servers.ReceivedMessageFiles().Except(before)));
        Assert.Equal("highways.north@wendshire.example", mail.To.Mailboxes.Single().Address);
        Assert.Contains(incident.Reference, mail.Subject, StringComparison.Ordinal);
        Assert.Contains("Highways in the north", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Resident (illustrative)", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(_logs.Lines, l => l.Contains("Albert Avenue", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sweep_BeforeTheWindowNothing_InsideItTheSupervisorOnce()
    {
        // Urgent: 24 h, escalated 4 h before.
        await _kit.RunAsync("tree-1", UrgentTree("no names"));
        var incident = (await _kit.Incidents.FindByReportAsync("tree-1"))!;
        var before = servers.ReceivedMessageFiles();

        _kit.Clock.Advance(TimeSpan.FromHours(19)); // 5 h before the deadline: not yet
        Assert.Equal(0, await SweepAsync("sweep-1"));
        Assert.Null((await _kit.Incidents.GetAsync(incident.Reference))!.EscalatedAt);

        _kit.Clock.Advance(TimeSpan.FromHours(1.5)); // 3.5 h before: inside the window
        Assert.Equal(1, await SweepAsync("sweep-2"));
        Assert.Equal(RunResult.Completed, await _kit.RunNextAsync(_kit.Escalations.Queue));

        var escalated = (await _kit.Incidents.GetAsync(incident.Reference))!;
        Assert.NotNull(escalated.EscalatedAt);
        Assert.True(escalated.EscalatedAt < escalated.Deadline);
        var mail = await MimeMessage.LoadAsync(Assert.Single(servers.ReceivedMessageFiles().Except(before)));
        Assert.Equal("highways.north.lead@wendshire.example", mail.To.Mailboxes.Single().Address);
        Assert.Contains(incident.Reference, mail.Subject, StringComparison.Ordinal);
        Assert.Contains(await _kit.Incidents.AuditAsync(incident.Reference), a => a.Action == IncidentActions.Escalated);

        // Later sweeps find nothing new: escalated once.
        _kit.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(0, await SweepAsync("sweep-3"));
        Assert.Single(servers.ReceivedMessageFiles().Except(before));
    }

    [Fact]
    public async Task Sweep_TwoSweepsSeeTheSameIncidentBeforeItIsEscalated_OneEscalation()
    {
        await _kit.RunAsync("tree-2", UrgentTree("no names"));
        _kit.Clock.Advance(TimeSpan.FromHours(21));

        Assert.Equal(1, await SweepAsync("sweep-a"));
        Assert.Equal(0, await SweepAsync("sweep-b")); // its item exists already: enqueueing it again is a no-op

        Assert.Equal(RunResult.Completed, await _kit.RunNextAsync(_kit.Escalations.Queue));
        Assert.Empty(await _kit.Store.LeaseAsync(_kit.Escalations.Queue, "w", 1, TimeSpan.FromMinutes(1), CancellationToken.None));
    }

    // Runs a sweep item; returns how many escalation items it created.
    private async Task<int> SweepAsync(string reference)
    {
        // Ahead of any escalation item already waiting (those have priority 10), so this run is the sweep.
        await _kit.Store.EnqueueAsync(
            new NewWorkItem(_kit.Escalations.Queue, reference, """{"task":"incident-escalation-sweep"}""", Priority: 20), "test", CancellationToken.None);
        Assert.Equal(RunResult.Completed, await _kit.RunNextAsync(_kit.Escalations.Queue));
        var item = (await _kit.Store.FindAsync(reference, CancellationToken.None))!;
        var entry = (await _kit.Store.ListAsync(item.Id, CancellationToken.None)).Single(e => e.Step == "enqueue-escalations");
        return System.Text.Json.JsonDocument.Parse(entry.ResultJson!).RootElement.GetProperty("created").GetInt32();
    }

    private static string UrgentTree(string reporter) => IncidentTestKit.Report(new
    {
        kind = "fallen-tree",
        severity = "urgent",
        place = new { address = "3 Albert Avenue, Ashby", postcode = "QW1 7DU" },
        reporter = new { name = reporter },
        description = "A large branch has come down across the pavement on Albert Avenue.",
    });

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
                From = "incidents@council.example",
                FromName = "Incident reports",
                CommandTimeout = TimeSpan.FromSeconds(10),
            }),
            TestResilience.Create(loggerFactory),
            TimeProvider.System,
            loggerFactory.CreateLogger<SmtpMailSender>());
    }
}
