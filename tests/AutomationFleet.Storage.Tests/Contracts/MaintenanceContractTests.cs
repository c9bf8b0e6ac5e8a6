using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Retention;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Storage.Tests.Contracts;

/// <summary>
/// The maintenance jobs' store operations (issue 13): the review SLA sweep (<c>IReviewSlaStore</c>), the retention purge
/// (<c>IRetentionStore</c>) and the subject access search (<c>ISubjectAccessStore</c>), run against every store by a
/// subclass per store.
/// </summary>
public abstract class MaintenanceContractTests
{
    private const string Hash1 = "1111111111111111111111111111111111111111111111111111111111111111";
    private const string Hash2 = "2222222222222222222222222222222222222222222222222222222222222222";
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>A fresh, empty store on the harness's fake clock.</summary>
    protected abstract Task<StoreHarness> CreateStoreAsync();

    private static async Task<WorkItem> InReviewAsync(StoreHarness t, string reference, DateTimeOffset? due, string evidence = "{}")
    {
        var item = (await t.Queue.EnqueueAsync(new NewWorkItem("post", reference, "{}", DueAt: due), "test", None)).Item;
        Assert.Single(await t.Queue.LeaseAsync("post", "w1", 1, TimeSpan.FromMinutes(5), None));
        await t.Queue.SendToReviewAsync(item.Id, "w1", new ReviewRequest("inbound-post", "pothole", "{\"team\":\"roads\"}", 0.6, evidence, ["low"], false), None);
        return item;
    }

    private static async Task<WorkItem> CompletedAsync(
        StoreHarness t, string reference, string payload = "{\"name\":\"Ann\"}", string outcome = "{\"category\":\"pothole\",\"nhs\":\"9434765919\"}", params string[] hashes)
    {
        var attachments = hashes.Select(h => new AttachmentRef("scan.pdf", "application/pdf", h, 10)).ToList();
        var item = (await t.Queue.EnqueueAsync(new NewWorkItem("post", reference, payload, attachments), "test", None)).Item;
        Assert.Single(await t.Queue.LeaseAsync("post", "w1", 1, TimeSpan.FromMinutes(5), None));
        await t.Queue.RecordOutcomeAsync(item.Id, "w1", new ItemOutcome(outcome, 0.99, "inbound-post"), None);
        await t.Queue.CompleteAsync(item.Id, "w1", "done", None);
        return item;
    }

    // 2018-01-01 and 2019-01-01 UTC: older than a year before the fake clock and the database's own clock alike.
    private const long Year2018 = 1514764800000;
    private static readonly DateTimeOffset Year2019 = new(2019, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task PurgeAuditTrailAsync_RowsOlderAndYoungerThanTheBound_OnlyOlderDeletedAndThePurgeAudited()
    {
        await using var t = await CreateStoreAsync();
        var item = await t.EnqueueAsync("KEPT");
        var trail = await t.Queue.GetAuditTrailAsync(item.Id, None);
        t.Execute($"INSERT INTO audit_log (item_id, reference, at, actor, from_state, to_state, reason) VALUES ({item.Id}, 'KEPT', {Year2018}, 'old', NULL, 0, 'old');");
        t.Execute($"INSERT INTO security_audit (at, actor, action, target, detail) VALUES ({Year2018}, 'old', 'old', 'old-target', 'old');");
        await t.Users.AppendSecurityEventAsync(new Core.Users.SecurityEvent("cli:ada", "young", "young-target", "young"), None);

        var purged = await t.Retention.PurgeAuditTrailAsync(Year2019, Actors.System("retention-purge"), None);
        var again = await t.Retention.PurgeAuditTrailAsync(Year2019, Actors.System("retention-purge"), None);

        Assert.Equal(new AuditTrailPurge(1, 1, 0), purged);
        Assert.Equal(new AuditTrailPurge(0, 0, 0), again);
        Assert.Equal(trail.Select(a => a.Id), (await t.Queue.GetAuditTrailAsync(item.Id, None)).Select(a => a.Id));
        Assert.Empty(await t.Users.ListSecurityEventsAsync("old-target", 10, None));
        Assert.Single(await t.Users.ListSecurityEventsAsync("young-target", 10, None));
        var purges = await t.Users.ListSecurityEventsAsync("retention:audit-trail", 10, None);
        Assert.Equal(2, purges.Count);
        Assert.Equal(
            "audit rows written before 2019-01-01T00:00:00Z deleted: item trails 1; security audit 1; incident trails 0",
            purges[1].Detail);
        Assert.Equal("system:retention-purge", purges[1].Actor);

        // Outside the purge the trails are append-only again.
        Assert.ThrowsAny<System.Data.Common.DbException>(() => t.Execute("DELETE FROM audit_log;"));
        Assert.ThrowsAny<System.Data.Common.DbException>(() => t.Execute("DELETE FROM security_audit;"));
        Assert.ThrowsAny<System.Data.Common.DbException>(() => t.Execute("UPDATE security_audit SET actor = 'x';"));
    }

    [Fact]
    public async Task PurgeAuditTrailAsync_BoundWithinAYearOfNow_RefusedAndNothingDeleted()
    {
        await using var t = await CreateStoreAsync();
        var item = await t.EnqueueAsync("KEPT");
        var trail = await t.Queue.GetAuditTrailAsync(item.Id, None);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => t.Retention.PurgeAuditTrailAsync(t.Time.GetUtcNow().AddDays(-364), Actors.System("retention-purge"), None));

        Assert.Equal(trail.Count, (await t.Queue.GetAuditTrailAsync(item.Id, None)).Count);
        Assert.Empty(await t.Users.ListSecurityEventsAsync("retention:audit-trail", 10, None));
    }

    [Fact]
    public async Task ListDueForEscalationAsync_TasksDueBeforeAndAfter_OnlyOpenUnescalatedDueByReturnedSoonestFirst()
    {
        await using var t = await CreateStoreAsync();
        var start = t.Time.GetUtcNow();
        await InReviewAsync(t, "later", start.AddHours(5));
        await InReviewAsync(t, "soon", start.AddHours(2));
        await InReviewAsync(t, "overdue", start.AddHours(-1));
        await InReviewAsync(t, "no-due", null);
        var escalated = await InReviewAsync(t, "escalated", start.AddHours(1));
        Assert.True(await t.ReviewSla.EscalateAsync(escalated.Id, Actors.System("test"), "why", None));

        var due = await t.ReviewSla.ListDueForEscalationAsync(start.AddHours(4), 10, None);

        Assert.Equal(["overdue", "soon"], due.Select(d => d.Reference));
        Assert.Equal(("post", start.AddHours(-1)), (due[0].Queue, due[0].DueAt));
        Assert.Single(await t.ReviewSla.ListDueForEscalationAsync(start.AddHours(4), 1, None));
    }

    [Fact]
    public async Task EscalateAsync_Twice_EscalatedOnceWithOneAuditRowBySystemActor()
    {
        await using var t = await CreateStoreAsync();
        var item = await InReviewAsync(t, "A", t.Time.GetUtcNow().AddHours(1));

        var first = await t.ReviewSla.EscalateAsync(item.Id, Actors.System("review-sla-sweep"), "escalated: due soon", None);
        var second = await t.ReviewSla.EscalateAsync(item.Id, Actors.System("review-sla-sweep"), "escalated: due soon", None);

        Assert.Equal((true, false), (first, second));
        Assert.True((await t.Reviews.GetAsync(item.Id, None))!.Escalated);
        var rows = (await t.Queue.GetAuditTrailAsync(item.Id, None)).Where(a => a.Actor == "system:review-sla-sweep").ToList();
        var row = Assert.Single(rows);
        Assert.Equal((WorkItemState.NeedsReview, WorkItemState.NeedsReview, "escalated: due soon"), (row.From, row.To, row.Reason));
    }

    [Fact]
    public async Task EscalateAsync_ClosedOrMissingTask_FalseAndNothingWritten()
    {
        await using var t = await CreateStoreAsync();
        var item = await InReviewAsync(t, "A", t.Time.GetUtcNow().AddHours(1));
        await t.Queue.CancelAsync("A", "test", "withdrawn", None);
        var auditBefore = (await t.Queue.GetAuditTrailAsync(item.Id, None)).Count;

        Assert.False(await t.ReviewSla.EscalateAsync(item.Id, Actors.System("test"), "why", None));
        Assert.False(await t.ReviewSla.EscalateAsync(9999, Actors.System("test"), "why", None));
        Assert.Equal(auditBefore, (await t.Queue.GetAuditTrailAsync(item.Id, None)).Count);
    }

    [Fact]
    public async Task ListExpiredAsync_MixedStatesAndAges_OnlyFinishedBeforeCutoffNotRedacted()
    {
        await using var t = await CreateStoreAsync();
        var old = await CompletedAsync(t, "old-completed");
        var cancelled = (await t.Queue.EnqueueAsync(new NewWorkItem("post", "old-cancelled", "{}"), "test", None)).Item;
        await t.Queue.CancelAsync("old-cancelled", "test", "withdrawn", None);
        await InReviewAsync(t, "old-in-review", null);
        await t.Queue.EnqueueAsync(new NewWorkItem("other", "other-queue", "{}"), "test", None);
        t.Time.Advance(TimeSpan.FromDays(91));
        var cutoff = t.Time.GetUtcNow().AddDays(-90);
        await CompletedAsync(t, "recent-completed");

        var expired = await t.Retention.ListExpiredAsync("post", cutoff, 10, None);

        Assert.Equal([old.Id, cancelled.Id], expired.Select(i => i.Id).Order());
        Assert.True(await t.Retention.RedactAsync(old.Id, "test", "why", None));
        Assert.Equal([cancelled.Id], (await t.Retention.ListExpiredAsync("post", cutoff, 10, None)).Select(i => i.Id));
        Assert.Single(await t.Retention.ListExpiredAsync("post", cutoff, 1, None));
    }

    [Fact]
    public async Task RedactAsync_CompletedItem_PayloadOutcomeEvidenceRedactedCategoryKeptAuditedOnce()
    {
        await using var t = await CreateStoreAsync();
        var reviewed = await InReviewAsync(t, "R", null, evidence: "{\"name\":\"Ann Smith\"}");
        await t.Reviews.ClaimAsync(reviewed.Id, "rita", TimeSpan.FromMinutes(5), None);
        await t.Reviews.DecideAsync(reviewed.Id, "rita", new ReviewDecision(ReviewDecisionKind.Reject, "not ours"), None);
        var item = await CompletedAsync(t, "A", hashes: Hash1);
        var finished = (await t.Queue.FindAsync("A", None))!.UpdatedAt;
        t.Time.Advance(TimeSpan.FromDays(100));

        var first = await t.Retention.RedactAsync(item.Id, Actors.System("retention-purge"), "redacted by retention policy casework", None);
        var second = await t.Retention.RedactAsync(item.Id, Actors.System("retention-purge"), "redacted by retention policy casework", None);
        var rejected = await t.Retention.RedactAsync(reviewed.Id, "test", "why", None);

        Assert.Equal((true, false, true), (first, second, rejected));
        var redacted = (await t.Queue.FindAsync("A", None))!;
        Assert.Equal(RetentionRules.RedactedPayload, redacted.PayloadJson);
        Assert.Empty(redacted.Attachments);
        Assert.Contains("\"category\":\"pothole\"", redacted.OutcomeJson!.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("9434765919", redacted.OutcomeJson, StringComparison.Ordinal);
        Assert.Equal((WorkItemState.Completed, finished), (redacted.State, redacted.UpdatedAt));
        var rows = (await t.Queue.GetAuditTrailAsync(item.Id, None)).Where(a => a.Actor == "system:retention-purge").ToList();
        Assert.Equal((WorkItemState.Completed, WorkItemState.Completed), (Assert.Single(rows).From, rows[0].To));
        var task = (await t.Reviews.GetLatestAsync(reviewed.Id, None))!;
        Assert.Equal((RetentionRules.RedactedPayload, RetentionRules.RedactedPayload), (task.Request.EvidenceJson, task.Request.ProposalJson));
    }

    [Fact]
    public async Task RedactAsync_ItemNotInFinalState_FalseAndUnchanged()
    {
        await using var t = await CreateStoreAsync();
        var inReview = await InReviewAsync(t, "R", null, evidence: "{\"name\":\"Ann\"}");
        var fresh = (await t.Queue.EnqueueAsync(new NewWorkItem("post", "N", "{\"name\":\"Ann\"}"), "test", None)).Item;

        Assert.False(await t.Retention.RedactAsync(inReview.Id, "test", "why", None));
        Assert.False(await t.Retention.RedactAsync(fresh.Id, "test", "why", None));
        Assert.False(await t.Retention.RedactAsync(9999, "test", "why", None));

        Assert.Equal("{\"name\":\"Ann\"}", (await t.Queue.FindAsync("N", None))!.PayloadJson);
        Assert.Equal("{\"name\":\"Ann\"}", (await t.Reviews.GetAsync(inReview.Id, None))!.Request.EvidenceJson);
    }

    [Fact]
    public async Task IsBlobReferencedAsync_BlobSharedByTwoItems_TrueUntilTheOtherIsRedacted()
    {
        await using var t = await CreateStoreAsync();
        var a = await CompletedAsync(t, "A", hashes: [Hash1, Hash2]);
        var b = await CompletedAsync(t, "B", hashes: Hash1);

        Assert.True(await t.Retention.IsBlobReferencedAsync(Hash1, a.Id, None));
        Assert.False(await t.Retention.IsBlobReferencedAsync(Hash2, a.Id, None));
        Assert.True(await t.Retention.RedactAsync(b.Id, "test", "why", None));
        Assert.False(await t.Retention.IsBlobReferencedAsync(Hash1, a.Id, None));
        await Assert.ThrowsAsync<ArgumentException>(() => t.Retention.IsBlobReferencedAsync("%", a.Id, None));
    }

    [Fact]
    public async Task FindItemsMentioningAsync_TermsInPayloadOutcomeOrEvidence_FoundCaseInsensitiveAndLiteral()
    {
        await using var t = await CreateStoreAsync();
        await CompletedAsync(t, "in-payload", payload: "{\"person\":{\"surname\":\"O'Conner\",\"dateOfBirth\":\"1959-10-26\"}}", outcome: "{}");
        await CompletedAsync(t, "in-outcome", payload: "{}", outcome: "{\"extracted\":{\"nhsNumber\":\"999 988 0983\"}}");
        await InReviewAsync(t, "in-evidence", null, evidence: "{\"candidate\":{\"NHS\":\"9999880983\"}}");
        await CompletedAsync(t, "unrelated", payload: "{\"note\":\"100% done_1959\"}", outcome: "{}");

        var byNhs = await t.SubjectAccess.FindItemsMentioningAsync(["9999880983", "999 988 0983"], 10, None);
        var byName = await t.SubjectAccess.FindItemsMentioningAsync(["o'CONNER"], 10, None);
        var literal = await t.SubjectAccess.FindItemsMentioningAsync(["1959_10", "%1959"], 10, None);

        Assert.Equal(["in-outcome", "in-evidence"], byNhs.Select(i => i.Reference));
        Assert.Equal(["in-payload"], byName.Select(i => i.Reference));
        Assert.Empty(literal);
    }
}
