using System.Text;
using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Retention;
using AutomationFleet.Core.Running;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Bots.Maintenance.Tests.Retention;

/// <summary>
/// The retention purge through the real runner on a SQLite store and blob store, on a fake clock: finished items past
/// their policy are redacted and their documents deleted (a document a newer item still holds is kept), items not
/// finished are never touched, and each policy's purge is audited with its counts.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RetentionPurgeTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly MaintenanceTestKit _kit = new();

    public Task InitializeAsync() => _kit.InitializeAsync();

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public async Task Purge_ExpiredRecentAndUnfinishedItems_OnlyExpiredRedactedSharedDocumentKeptAudited()
    {
        var only = await PutAsync("only the old letter");
        var shared = await PutAsync("a form two letters carried");
        var old = await _kit.CompletedAsync("OLD", "{\"name\":\"Ann Example\"}", [only, shared]);
        var waiting = await _kit.InReviewAsync("WAITING", null);
        _kit.Clock.Advance(TimeSpan.FromDays(60));
        await _kit.CompletedAsync("RECENT", "{\"name\":\"Bob Example\"}", [shared]);
        _kit.Clock.Advance(TimeSpan.FromDays(31)); // OLD finished 91 days ago, RECENT 31

        Assert.Equal(RunResult.Completed, await _kit.RunTaskAsync("schedule:retention-purge:1", MaintenanceTasks.RetentionPurge));

        var redacted = (await _kit.Store.FindAsync("OLD", None))!;
        Assert.Equal((RetentionRules.RedactedPayload, 0), (redacted.PayloadJson, redacted.Attachments.Count));
        Assert.Throws<FileNotFoundException>(() => _kit.Blobs.OpenRead(only.ContentHash));
        using (_kit.Blobs.OpenRead(shared.ContentHash))
        {
            // RECENT still holds it.
        }

        Assert.Equal("{\"name\":\"Bob Example\"}", (await _kit.Store.FindAsync("RECENT", None))!.PayloadJson);
        Assert.Equal(WorkItemState.NeedsReview, (await _kit.Store.FindAsync("WAITING", None))!.State);
        Assert.Equal("{\"name\":\"Ann Example\"}", (await _kit.Store.GetAsync(waiting.Id, None))!.Request.EvidenceJson);
        Assert.Contains(await _kit.Store.GetAuditTrailAsync(old.Id, None), a => a.Actor == "system:retention-purge" && a.Reason.Contains("casework", StringComparison.Ordinal));
        var purge = Assert.Single(await _kit.Store.ListSecurityEventsAsync("retention:casework", 10, None));
        Assert.Equal((AuditActions.RetentionPurge, "system:retention-purge"), (purge.Action, purge.Actor));
        Assert.Equal("items redacted 1; documents deleted 1; documents kept (still attached to a newer item) 1", purge.Detail);

        // Thirty days on, RECENT's turn: the shared document goes with it. The old item is not counted again.
        _kit.Clock.Advance(TimeSpan.FromDays(60));
        Assert.Equal(RunResult.Completed, await _kit.RunTaskAsync("schedule:retention-purge:2", MaintenanceTasks.RetentionPurge));
        Assert.Throws<FileNotFoundException>(() => _kit.Blobs.OpenRead(shared.ContentHash));
        var second = (await _kit.Store.ListSecurityEventsAsync("retention:casework", 10, None))[0];
        Assert.Equal("items redacted 1; documents deleted 1; documents kept (still attached to a newer item) 0", second.Detail);
        Assert.Equal(WorkItemState.NeedsReview, (await _kit.Store.FindAsync("WAITING", None))!.State);
    }

    [Fact]
    public async Task Purge_NothingExpired_AuditedWithZeroCounts()
    {
        await _kit.CompletedAsync("NEW", "{\"name\":\"Ann Example\"}");

        Assert.Equal(RunResult.Completed, await _kit.RunTaskAsync("schedule:retention-purge:1", MaintenanceTasks.RetentionPurge));

        Assert.Equal("{\"name\":\"Ann Example\"}", (await _kit.Store.FindAsync("NEW", None))!.PayloadJson);
        Assert.Equal("items redacted 0; documents deleted 0; documents kept (still attached to a newer item) 0", Assert.Single(await _kit.Store.ListSecurityEventsAsync("retention:casework", 10, None)).Detail);
    }

    [Fact]
    public async Task Purge_AuditRowsOlderThanAuditTrailKeptFor_DeletedAndThePurgeAuditedAndKeptByTheNextPurge()
    {
        var old = await _kit.CompletedAsync("OLD", "{\"name\":\"Ann Example\"}");
        var oldTrail = await _kit.Store.GetAuditTrailAsync(old.Id, None);
        _kit.Clock.Advance(_kit.Retention.AuditTrailKeptFor - TimeSpan.FromDays(1));
        var young = await _kit.CompletedAsync("YOUNG", "{\"name\":\"Bob Example\"}");
        var youngTrail = (await _kit.Store.GetAuditTrailAsync(young.Id, None)).Count;
        _kit.Clock.Advance(TimeSpan.FromDays(2)); // OLD's rows are past six years by a day, YOUNG's a day old

        Assert.Equal(RunResult.Completed, await _kit.RunTaskAsync("schedule:retention-purge:1", MaintenanceTasks.RetentionPurge));

        var oldTrailAfter = await _kit.Store.GetAuditTrailAsync(old.Id, None);
        Assert.DoesNotContain(oldTrailAfter, a => oldTrail.Any(o => o.Id == a.Id));
        Assert.Contains(oldTrailAfter, a => a.Actor == "system:retention-purge"); // the redaction, written now
        Assert.Equal(youngTrail, (await _kit.Store.GetAuditTrailAsync(young.Id, None)).Count);
        var purge = Assert.Single(await _kit.Store.ListSecurityEventsAsync("retention:audit-trail", 10, None));
        Assert.Equal((AuditActions.RetentionPurge, "system:retention-purge"), (purge.Action, purge.Actor));
        Assert.EndsWith($"deleted: item trails {oldTrail.Count}; security audit 0; incident trails 0", purge.Detail, StringComparison.Ordinal);

        // The next day's purge deletes nothing more and keeps the first purge's row.
        _kit.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(RunResult.Completed, await _kit.RunTaskAsync("schedule:retention-purge:2", MaintenanceTasks.RetentionPurge));
        var purges = await _kit.Store.ListSecurityEventsAsync("retention:audit-trail", 10, None);
        Assert.Equal(2, purges.Count);
        Assert.EndsWith("item trails 0; security audit 0; incident trails 0", purges[0].Detail, StringComparison.Ordinal);
        Assert.Equal(youngTrail, (await _kit.Store.GetAuditTrailAsync(young.Id, None)).Count);
    }

    [Fact]
    public void Validate_BadPolicies_EveryFailureNamedByPath()
    {
        var options = new RetentionOptions
        {
            MaxItemsPerRun = 0,
            AuditTrailKeptFor = TimeSpan.FromDays(30),
            Policies =
            [
                new RetentionPolicy { Name = "casework", Queues = ["post"], RedactAfter = TimeSpan.FromDays(90) },
                new RetentionPolicy { Name = "Casework", Queues = ["post", ""], RedactAfter = TimeSpan.FromHours(1) },
                new RetentionPolicy { Name = "bad name", Queues = [] },
                new RetentionPolicy { Name = "Audit-Trail", Queues = ["mail"], RedactAfter = TimeSpan.FromDays(90) },
            ],
        };

        var failures = new RetentionOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Equal(10, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Retention:AuditTrailKeptFor is 30.00:00:00; it must be at least 365 days", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Retention:Policies:3:Name 'Audit-Trail' is the name the audit trail's purge", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Retention:MaxItemsPerRun ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Retention:Policies:1:Name 'Casework' is already used by Retention:Policies:0", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Retention:Policies:1:RedactAfter ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Retention:Policies:1:Queues:0 'post' is already covered by Retention:Policies:0", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Retention:Policies:1:Queues:1 is empty", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Retention:Policies:2:Name 'bad name'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Retention:Policies:2:Queues is empty", StringComparison.Ordinal));
    }

    private async Task<AttachmentRef> PutAsync(string text)
    {
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return await _kit.Blobs.PutAsync("letter.txt", "text/plain", content, None);
    }
}
