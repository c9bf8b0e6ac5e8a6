using System.Data.Common;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Storage.Tests.Contracts;

/// <summary><see cref="IWorkQueue"/>'s contract, run against every store by a subclass per store.</summary>
public abstract class WorkQueueContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>A fresh, empty store on the harness's fake clock.</summary>
    protected abstract Task<StoreHarness> CreateStoreAsync();

    [Fact]
    public async Task EnqueueAsync_SameReferenceTwice_OneItemAndOneAuditRow()
    {
        await using var t = await CreateStoreAsync();
        var attachments = new[] { new AttachmentRef("letter.pdf", "application/pdf", new string('a', 64), 42) };

        var first = await t.Queue.EnqueueAsync(new NewWorkItem("post", "REF-1", "{\"a\":1}", attachments, 3), "inbox", None);
        var second = await t.Queue.EnqueueAsync(new NewWorkItem("post", "REF-1", "{\"a\":2}"), "inbox", None);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Item.Id, second.Item.Id);
        Assert.Equal("{\"a\":1}", second.Item.PayloadJson);
        Assert.Equal(attachments, second.Item.Attachments);
        Assert.Equal(1, t.Scalar("SELECT COUNT(*) FROM work_items"));
        var trail = await t.Queue.GetAuditTrailAsync(first.Item.Id, None);
        var entry = Assert.Single(trail);
        Assert.Null(entry.From);
        Assert.Equal(WorkItemState.New, entry.To);
        Assert.Equal("inbox", entry.Actor);
        Assert.Equal(StoreHarness.Start, entry.At);
    }


    [Fact]
    public async Task LeaseAsync_NewItems_LeasedWithAttemptCountedAndAudited()
    {
        await using var t = await CreateStoreAsync();
        var item = await t.EnqueueAsync("REF-1");

        var leased = Assert.Single(await t.Queue.LeaseAsync("q", "w1", 10, Lease, None));

        Assert.Equal(item.Id, leased.Id);
        Assert.Equal(WorkItemState.InProgress, leased.State);
        Assert.Equal(1, leased.Attempts);
        Assert.Equal("w1", leased.LeaseOwner);
        Assert.Equal(StoreHarness.Start + Lease, leased.LeaseExpiresAt);
        Assert.Equal(leased, await t.Queue.FindAsync("REF-1", None));
        Assert.Empty(await t.Queue.LeaseAsync("q", "w2", 10, Lease, None));
        var last = (await t.Queue.GetAuditTrailAsync(item.Id, None))[^1];
        Assert.Equal((WorkItemState?)WorkItemState.New, last.From);
        Assert.Equal(WorkItemState.InProgress, last.To);
        Assert.Equal("worker:w1", last.Actor);
    }


    [Fact]
    public async Task LeaseAsync_OtherQueue_NotTaken()
    {
        await using var t = await CreateStoreAsync();
        await t.EnqueueAsync("REF-1", queue: "a");

        Assert.Empty(await t.Queue.LeaseAsync("b", "w1", 10, Lease, None));
    }


    [Fact]
    public async Task CompleteAsync_HeldLease_CompletedLeaseClearedAndAudited()
    {
        await using var t = await CreateStoreAsync();
        var item = await t.EnqueueAsync("REF-1");
        await t.Queue.LeaseAsync("q", "w1", 1, Lease, None);
        await t.Queue.RecordOutcomeAsync(item.Id, "w1", new ItemOutcome("{\"ok\":true}", 0.995, "InboundPost"), None);

        await t.Queue.CompleteAsync(item.Id, "w1", "delivered", None);

        var done = await t.Queue.FindAsync("REF-1", None);
        Assert.NotNull(done);
        Assert.Equal(WorkItemState.Completed, done.State);
        Assert.Null(done.LeaseOwner);
        Assert.Null(done.LeaseExpiresAt);
        Assert.Equal("{\"ok\":true}", done.OutcomeJson);
        Assert.Equal(0.995, done.Confidence);
        Assert.Equal("InboundPost", done.OutcomeDecidedBy);
        var last = (await t.Queue.GetAuditTrailAsync(item.Id, None))[^1];
        Assert.Equal(WorkItemState.Completed, last.To);
        Assert.Equal("delivered", last.Reason);
    }


    [Fact]
    public async Task CompleteAsync_AlreadyCompleted_ThrowsLeaseLostAndNothingChanges()
    {
        await using var t = await CreateStoreAsync();
        var item = await t.EnqueueAsync("REF-1");
        await t.Queue.LeaseAsync("q", "w1", 1, Lease, None);
        await t.Queue.CompleteAsync(item.Id, "w1", "done", None);

        await Assert.ThrowsAsync<LeaseLostException>(() => t.Queue.CompleteAsync(item.Id, "w1", "again", None));

        Assert.Equal(3, (await t.Queue.GetAuditTrailAsync(item.Id, None)).Count);
    }


    [Fact]
    public async Task RecordOutcomeAsync_ItemHeldByAnotherWorker_ThrowsLeaseLostAndOutcomeUnchanged()
    {
        await using var t = await CreateStoreAsync();
        var item = await t.EnqueueAsync("REF-1");
        await t.Queue.LeaseAsync("q", "w1", 1, Lease, None);
        await t.Queue.RecordOutcomeAsync(item.Id, "w1", new ItemOutcome("{\"by\":\"w1\"}", 0.9, "bot"), None);

        await Assert.ThrowsAsync<LeaseLostException>(
            () => t.Queue.RecordOutcomeAsync(item.Id, "w2", new ItemOutcome("{\"by\":\"w2\"}", 0.1, "bot"), None));
        await Assert.ThrowsAsync<LeaseLostException>(() => t.Queue.CompleteAsync(item.Id, "w2", "done", None));

        var stored = (await t.Queue.FindAsync("REF-1", None))!;
        Assert.Equal(WorkItemState.InProgress, stored.State);
        Assert.Equal("{\"by\":\"w1\"}", stored.OutcomeJson);
        Assert.Equal(2, (await t.Queue.GetAuditTrailAsync(item.Id, None)).Count);
    }


    [Fact]
    public async Task CancelAsync_CompletedItem_ThrowsInvalidStateTransition()
    {
        await using var t = await CreateStoreAsync();
        var item = await t.EnqueueAsync("REF-1");
        await t.Queue.LeaseAsync("q", "w1", 1, Lease, None);
        await t.Queue.CompleteAsync(item.Id, "w1", "done", None);

        var error = await Assert.ThrowsAsync<InvalidStateTransitionException>(() => t.Queue.CancelAsync("REF-1", "cli:admin", "no", None));

        Assert.Equal(WorkItemState.Completed, error.From);
        Assert.Equal(WorkItemState.Cancelled, error.To);
        Assert.Equal(WorkItemState.Completed, (await t.Queue.FindAsync("REF-1", None))!.State);
    }


    [Fact]
    public async Task ReplayAsync_ItemNotDeadLettered_ThrowsInvalidStateTransition()
    {
        await using var t = await CreateStoreAsync();
        await t.EnqueueAsync("REF-1");
        await t.Queue.LeaseAsync("q", "w1", 1, Lease, None);

        await Assert.ThrowsAsync<InvalidStateTransitionException>(() => t.Queue.ReplayAsync("REF-1", "cli:admin", "retry", None));
    }


    [Fact]
    public async Task CompleteAsync_UnknownItem_ThrowsWorkItemNotFound()
    {
        await using var t = await CreateStoreAsync();

        await Assert.ThrowsAsync<WorkItemNotFoundException>(() => t.Queue.CompleteAsync(404, "w1", "done", None));
    }


    [Fact]
    public async Task CancelAsync_NewItem_CancelledAndNotLeasable()
    {
        await using var t = await CreateStoreAsync();
        await t.EnqueueAsync("REF-1");

        var cancelled = await t.Queue.CancelAsync("REF-1", "cli:admin", "duplicate letter", None);

        Assert.Equal(WorkItemState.Cancelled, cancelled.State);
        Assert.Empty(await t.Queue.LeaseAsync("q", "w1", 1, Lease, None));
        var last = (await t.Queue.GetAuditTrailAsync(cancelled.Id, None))[^1];
        Assert.Equal("cli:admin", last.Actor);
        Assert.Equal("duplicate letter", last.Reason);
    }


    [Fact]
    public async Task CancelAsync_ItemWithPayloadAndDocuments_KeepsThemAndAuditsBothTrails()
    {
        await using var t = await CreateStoreAsync();
        var attachments = new[] { new AttachmentRef("letter.pdf", "application/pdf", new string('b', 64), 42) };
        await t.Queue.EnqueueAsync(new NewWorkItem("post", "REF-1", "{\"a\":1}", attachments), "inbox", None);

        var cancelled = await t.Queue.CancelAsync("REF-1", "admin:ada", " sent twice ", None);

        var found = await t.Queue.FindAsync("REF-1", None);
        Assert.Equal(WorkItemState.Cancelled, found!.State);
        Assert.Equal("{\"a\":1}", found.PayloadJson);
        Assert.Equal(attachments, found.Attachments);
        var last = (await t.Queue.GetAuditTrailAsync(cancelled.Id, None))[^1];
        Assert.Equal((WorkItemState.New, WorkItemState.Cancelled, "admin:ada", "sent twice"), (last.From, last.To, last.Actor, last.Reason));
        var security = Assert.Single(await t.Users.ListSecurityEventsAsync("REF-1", 10, None));
        Assert.Equal((Core.Audit.AuditActions.ItemCancelled, "admin:ada", "from New; reason: sent twice"), (security.Action, security.Actor, security.Detail));
    }

    [Fact]
    public async Task CancelAsync_RetryingAndDeadLettered_BothCancelled()
    {
        await using var t = await CreateStoreAsync();
        var retrying = await t.EnqueueAsync("REF-R");
        var dead = await t.EnqueueAsync("REF-D");
        await t.Queue.LeaseAsync("q", "w1", 2, Lease, None);
        await t.Queue.FailSystemAsync(retrying.Id, "w1", "timeout", new RetryPolicy(5, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)), None);
        await t.Queue.FailSystemAsync(dead.Id, "w1", "timeout", new RetryPolicy(1, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)), None);

        Assert.Equal(WorkItemState.Cancelled, (await t.Queue.CancelAsync("REF-R", "cli:ops", "withdrawn", None)).State);
        Assert.Equal(WorkItemState.Cancelled, (await t.Queue.CancelAsync("REF-D", "cli:ops", "withdrawn", None)).State);
    }

    [Fact]
    public async Task CancelAsync_HeldUnderLiveLease_ThrowsWorkItemHeldAndChangesNothing()
    {
        await using var t = await CreateStoreAsync();
        var item = await t.EnqueueAsync("REF-1");
        await t.Queue.LeaseAsync("q", "w1", 1, Lease, None);

        var error = await Assert.ThrowsAsync<WorkItemHeldException>(() => t.Queue.CancelAsync("REF-1", "cli:ops", "withdrawn", None));

        Assert.Equal("w1", error.Worker);
        Assert.Equal(WorkItemState.InProgress, (await t.Queue.FindAsync("REF-1", None))!.State);
        await t.Queue.CompleteAsync(item.Id, "w1", "done", None);
    }

    [Fact]
    public async Task CancelAsync_LeaseExpired_CancelledAndTheLateWorkerLosesIt()
    {
        await using var t = await CreateStoreAsync();
        var item = await t.EnqueueAsync("REF-1");
        await t.Queue.LeaseAsync("q", "w1", 1, Lease, None);
        t.Time.Advance(Lease);

        var cancelled = await t.Queue.CancelAsync("REF-1", "cli:ops", "withdrawn", None);

        Assert.Equal(WorkItemState.Cancelled, cancelled.State);
        Assert.Null(cancelled.LeaseOwner);
        await Assert.ThrowsAsync<LeaseLostException>(() => t.Queue.CompleteAsync(item.Id, "w1", "done", None));
    }

    [Fact]
    public async Task CancelAsync_NoReason_ThrowsArgumentException()
    {
        await using var t = await CreateStoreAsync();
        await t.EnqueueAsync("REF-1");

        await Assert.ThrowsAnyAsync<ArgumentException>(() => t.Queue.CancelAsync("REF-1", "cli:ops", " ", None));
        Assert.Equal(WorkItemState.New, (await t.Queue.FindAsync("REF-1", None))!.State);
    }

    [Fact]
    public async Task LeaseAsync_MixedPriorityDueDateAndAge_TakenInOrder()
    {
        await using var t = await CreateStoreAsync();
        var soon = StoreHarness.Start.AddHours(1);
        var later = StoreHarness.Start.AddHours(5);
        await t.EnqueueAsync("low-old", priority: 0);
        await t.EnqueueAsync("normal-nodue-old", priority: 1);
        await t.EnqueueAsync("normal-later", priority: 1, due: later);
        await t.EnqueueAsync("normal-soon", priority: 1, due: soon);
        await t.EnqueueAsync("normal-nodue-young", priority: 1);
        await t.EnqueueAsync("high", priority: 5);

        var order = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            order.Add(Assert.Single(await t.Queue.LeaseAsync("q", "w1", 1, Lease, None)).Reference);
        }

        Assert.Equal(["high", "normal-soon", "normal-later", "normal-nodue-old", "normal-nodue-young", "low-old"], order);
    }


    [Fact]
    public async Task LeaseAsync_BatchOfThree_TakesThreeInOrder()
    {
        await using var t = await CreateStoreAsync();
        for (var i = 0; i < 5; i++)
        {
            await t.EnqueueAsync($"R{i}");
        }

        var batch = await t.Queue.LeaseAsync("q", "w1", 3, Lease, None);

        Assert.Equal(["R0", "R1", "R2"], batch.Select(i => i.Reference));
        Assert.All(batch, i => Assert.Equal(WorkItemState.InProgress, i.State));
    }


    [Fact]
    public async Task RenewLeasesAsync_HeldAndLost_RenewsHeldReturnsLost()
    {
        await using var t = await CreateStoreAsync();
        var a = await t.EnqueueAsync("A");
        var b = await t.EnqueueAsync("B");
        await t.Queue.LeaseAsync("q", "w1", 1, Lease, None);
        await t.Queue.LeaseAsync("q", "w2", 1, Lease, None);
        t.Time.Advance(TimeSpan.FromMinutes(4));

        var lost = await t.Queue.RenewLeasesAsync([a.Id, b.Id], "w1", Lease, None);

        Assert.Equal([b.Id], lost);
        t.Time.Advance(TimeSpan.FromMinutes(4));
        var taken = await t.Queue.LeaseAsync("q", "w3", 10, Lease, None);
        Assert.Equal([b.Id], taken.Select(i => i.Id));
        var kept = (await t.Queue.FindAsync("A", None))!;
        Assert.Equal("w1", kept.LeaseOwner);
        Assert.Equal(StoreHarness.Start.AddMinutes(4) + Lease, kept.LeaseExpiresAt);
    }


    [Fact]
    public async Task LeaseAsync_ExpiredLease_AnotherWorkerTakesItAuditedAndOldWorkerLosesIt()
    {
        await using var t = await CreateStoreAsync();
        var item = await t.EnqueueAsync("REF-1");
        await t.Queue.LeaseAsync("q", "w1", 1, Lease, None);
        t.Time.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.Empty(await t.Queue.LeaseAsync("q", "w2", 1, Lease, None));
        t.Time.Advance(TimeSpan.FromSeconds(1));

        var taken = Assert.Single(await t.Queue.LeaseAsync("q", "w2", 1, Lease, None));

        Assert.Equal("w2", taken.LeaseOwner);
        Assert.Equal(2, taken.Attempts);
        var last = (await t.Queue.GetAuditTrailAsync(item.Id, None))[^1];
        Assert.Equal((WorkItemState?)WorkItemState.InProgress, last.From);
        Assert.Equal(WorkItemState.InProgress, last.To);
        Assert.Equal("lease of w1 expired; taken by w2", last.Reason);
        await Assert.ThrowsAsync<LeaseLostException>(() => t.Queue.CompleteAsync(item.Id, "w1", "done", None));
        await Assert.ThrowsAsync<LeaseLostException>(
            () => t.Queue.RecordOutcomeAsync(item.Id, "w1", new ItemOutcome("{}", 1, "bot"), None));
        Assert.Equal([item.Id], await t.Queue.RenewLeasesAsync([item.Id], "w1", Lease, None));
        await t.Queue.CompleteAsync(item.Id, "w2", "done", None);
    }


    [Fact]
    public async Task CompleteAsync_LeaseExpiredButNotTaken_Accepted()
    {
        await using var t = await CreateStoreAsync();
        var item = await t.EnqueueAsync("REF-1");
        await t.Queue.LeaseAsync("q", "w1", 1, Lease, None);
        t.Time.Advance(Lease + TimeSpan.FromMinutes(1));

        await t.Queue.CompleteAsync(item.Id, "w1", "late but first", None);

        Assert.Equal(WorkItemState.Completed, (await t.Queue.FindAsync("REF-1", None))!.State);
        Assert.Empty(await t.Queue.LeaseAsync("q", "w2", 1, Lease, None));
    }


    [Fact]
    public async Task FailSystemAsync_RepeatedFaults_BacksOffWithinJitterThenDeadLettersAndReplayRestores()
    {
        await using var t = await CreateStoreAsync();
        var policy = new RetryPolicy(4, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(30));
        var item = await t.EnqueueAsync("REF-1");
        var delays = new List<TimeSpan>();

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var leased = Assert.Single(await t.Queue.LeaseAsync("q", "w1", 1, Lease, None));
            Assert.Equal(attempt, leased.Attempts);
            var state = await t.Queue.FailSystemAsync(item.Id, "w1", "connector timed out", policy, None);
            Assert.Equal(WorkItemState.Retrying, state);

            var retrying = (await t.Queue.FindAsync("REF-1", None))!;
            var delay = retrying.NextAttemptAt!.Value - t.Time.GetUtcNow();
            var ceiling = policy.DelayAfter(attempt, 1);
            Assert.InRange(delay, policy.DelayAfter(attempt, 0), ceiling + TimeSpan.FromMilliseconds(1));
            delays.Add(delay);

            t.Time.Advance(delay - TimeSpan.FromMilliseconds(1));
            Assert.Empty(await t.Queue.LeaseAsync("q", "w1", 1, Lease, None));
            t.Time.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.True(delays[2] > delays[0], "the back-off grows: half of each ceiling is at least the previous ceiling");
        Assert.Single(await t.Queue.LeaseAsync("q", "w1", 1, Lease, None));
        var final = await t.Queue.FailSystemAsync(item.Id, "w1", "connector timed out", policy, None);

        Assert.Equal(WorkItemState.DeadLettered, final);
        t.Time.Advance(TimeSpan.FromDays(1));
        Assert.Empty(await t.Queue.LeaseAsync("q", "w1", 1, Lease, None));
        var dead = Assert.Single(await t.Queue.ListAsync(WorkItemState.DeadLettered, "q", 10, None));
        Assert.Equal(4, dead.Attempts);
        Assert.Equal("connector timed out", dead.LastError);

        var replayed = await t.Queue.ReplayAsync("REF-1", "cli:admin", "connector fixed", None);

        Assert.Equal(WorkItemState.New, replayed.State);
        Assert.Equal(0, replayed.Attempts);
        Assert.Equal(1, Assert.Single(await t.Queue.LeaseAsync("q", "w1", 1, Lease, None)).Attempts);
    }


    [Fact]
    public async Task FailBusinessAsync_HeldLease_BusinessExceptionNeverRetried()
    {
        await using var t = await CreateStoreAsync();
        var item = await t.EnqueueAsync("REF-1");
        await t.Queue.LeaseAsync("q", "w1", 1, Lease, None);

        await t.Queue.FailBusinessAsync(item.Id, "w1", "not a council matter", None);

        t.Time.Advance(TimeSpan.FromDays(1));
        Assert.Empty(await t.Queue.LeaseAsync("q", "w1", 1, Lease, None));
        var found = (await t.Queue.FindAsync("REF-1", None))!;
        Assert.Equal(WorkItemState.BusinessException, found.State);
        Assert.Equal("not a council matter", found.LastError);
    }


    [Fact]
    public async Task ReleaseAsync_HeldLease_BackToNewWithoutCountingAttempt()
    {
        await using var t = await CreateStoreAsync();
        var item = await t.EnqueueAsync("REF-1");
        await t.Queue.LeaseAsync("q", "w1", 1, Lease, None);

        await t.Queue.ReleaseAsync(item.Id, "w1", "worker shutting down", None);

        var released = (await t.Queue.FindAsync("REF-1", None))!;
        Assert.Equal(WorkItemState.New, released.State);
        Assert.Equal(0, released.Attempts);
        Assert.Null(released.LeaseOwner);
        Assert.Equal(1, Assert.Single(await t.Queue.LeaseAsync("q", "w2", 1, Lease, None)).Attempts);
    }


    [Fact]
    public async Task GetDepthAsync_ItemsInStates_CountsPerQueueAndState()
    {
        await using var t = await CreateStoreAsync();
        await t.EnqueueAsync("A1", queue: "a");
        t.Time.Advance(TimeSpan.FromMinutes(1));
        await t.EnqueueAsync("A2", queue: "a");
        await t.EnqueueAsync("B1", queue: "b");
        await t.Queue.LeaseAsync("b", "w1", 1, Lease, None);

        var depth = await t.Queue.GetDepthAsync(None);

        Assert.Equal(
            [new QueueDepth("a", WorkItemState.New, 2, StoreHarness.Start), new QueueDepth("b", WorkItemState.InProgress, 1, StoreHarness.Start.AddMinutes(1))],
            depth);
    }


    [Fact]
    public async Task AuditLog_UpdateOrDelete_Refused()
    {
        await using var t = await CreateStoreAsync();
        await t.EnqueueAsync("REF-1");

        foreach (var sql in new[] { "UPDATE audit_log SET reason = 'forged'", "DELETE FROM audit_log" })
        {
            var error = Assert.ThrowsAny<DbException>(() => t.Execute(sql));
            Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(1, t.Scalar("SELECT COUNT(*) FROM audit_log WHERE reason <> 'forged'"));
    }
}
