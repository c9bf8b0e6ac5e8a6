using AutomationFleet.Core.Review;
using AutomationFleet.Core.Users;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Storage.Tests.Contracts;

/// <summary>Services on review tasks, service grants, store counts, reassignment, releases and escalations: run against every store by a subclass per store.</summary>
public abstract class ReviewSupervisionContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    protected static readonly TimeSpan Claim = TimeSpan.FromMinutes(10);

    protected static ReviewRequest Request(string? service, string category = "pothole", bool urgent = false) =>
        new("inbound-post", category, "{}", 0.6, "{}", ["low"], urgent, service);

    protected static async Task<WorkItem> InReviewAsync(
        StoreHarness t, string reference, string queue = "post", string? service = "Highways", string category = "pothole", bool urgent = false)
    {
        var item = await t.EnqueueAsync(reference, queue: queue);
        Assert.Single(await t.Queue.LeaseAsync(queue, "w1", 1, TimeSpan.FromMinutes(5), None));
        await t.Queue.SendToReviewAsync(item.Id, "w1", Request(service, category, urgent), None);
        return item;
    }

    private static async Task AccountsAsync(StoreHarness t)
    {
        await t.Users.AddUserAsync("rita", "h", UserRole.Reviewer, "test", None);
        await t.Users.AddUserAsync("sam", "h", UserRole.Reviewer, "test", None);
        await t.Users.AddUserAsync("dora", "h", UserRole.Supervisor, "test", None);
        await t.Users.AddUserAsync("ada", "h", UserRole.Administrator, "test", None);
        await t.Users.GrantServiceAsync("rita", "Highways", "test", None);
        await t.Users.GrantQueueAsync("sam", "forms", "test", None);
    }

    private static async Task EscalateAsync(StoreHarness t, long itemId)
    {
        await t.Reviews.ClaimAsync(itemId, "sam", Claim, None);
        await t.Reviews.DecideAsync(itemId, "sam", new ReviewDecision(ReviewDecisionKind.Escalate, "needs a supervisor"), None);
    }

    /// <summary>A fresh, empty store on the harness's fake clock.</summary>
    protected abstract Task<StoreHarness> CreateStoreAsync();

    [Fact]
    public async Task SendToReviewAsync_WithService_StoredAndKeptOnTheDecidedTask()
    {
        await using var t = await CreateStoreAsync();
        var item = await InReviewAsync(t, "A", service: "Blue Badge team");

        Assert.Equal("Blue Badge team", (await t.Reviews.GetAsync(item.Id, None))!.Request.Service);
        await t.Reviews.ClaimAsync(item.Id, "alice", Claim, None);
        await t.Reviews.DecideAsync(item.Id, "alice", new ReviewDecision(ReviewDecisionKind.Approve, "ok"), None);

        Assert.Null(await t.Reviews.GetAsync(item.Id, None));
        Assert.Equal("Blue Badge team", (await t.Reviews.GetLatestAsync(item.Id, None))!.Request.Service);
        Assert.Null(await t.Reviews.GetLatestAsync(999, None));
    }

    [Fact]
    public async Task GrantServiceAsync_TwiceAnyCase_ListedOnceAndAudited()
    {
        await using var t = await CreateStoreAsync();
        await t.Users.AddUserAsync("Rita", "h", UserRole.Reviewer, "cli", None);
        await t.Users.GrantServiceAsync("rita", "Highways", "cli:admin", None);
        await t.Users.GrantServiceAsync("RITA", "Highways", "cli:admin", None);

        var account = await t.Users.FindUserAsync("rita", None);
        var listed = Assert.Single(await t.Users.ListUsersAsync(None));

        Assert.Equal(["Highways"], account!.Services);
        Assert.Empty(account.Queues);
        Assert.Equal(["Highways"], listed.Services);
        var audit = await t.Users.ListSecurityEventsAsync("Rita", 10, None);
        Assert.Contains(audit, e => e.Action == "service-granted" && e.Detail == "service Highways" && e.Actor == "cli:admin");
        await Assert.ThrowsAsync<UserNotFoundException>(() => t.Users.GrantServiceAsync("nobody", "Highways", "cli", None));
    }

    [Fact]
    public async Task ListAsync_QueueOrServiceGranted_SeesEitherAndNothingElse()
    {
        await using var t = await CreateStoreAsync();
        var highwaysInPost = await InReviewAsync(t, "A", queue: "post", service: "Highways");
        var formsItem = await InReviewAsync(t, "B", queue: "forms", service: "Blue Badge team");
        await InReviewAsync(t, "C", queue: "post", service: "Blue Badge team");
        await InReviewAsync(t, "D", queue: "post", service: null);

        var byService = await t.Reviews.ListAsync(new ReviewFilter { Services = ["Highways"] }, None);
        var byEither = await t.Reviews.ListAsync(new ReviewFilter(Queues: ["forms"]) { Services = ["Highways"] }, None);
        var nothing = await t.Reviews.ListAsync(new ReviewFilter(Queues: []) { Services = [] }, None);
        var oneService = await t.Reviews.ListAsync(new ReviewFilter { Service = "Blue Badge team" }, None);
        var next = await t.Reviews.ClaimNextAsync("rita", Claim, new ReviewFilter(Queues: []) { Services = ["Highways"] }, None);

        Assert.Equal([highwaysInPost.Id], byService.Select(x => x.ItemId));
        Assert.Equal([highwaysInPost.Id, formsItem.Id], byEither.Select(x => x.ItemId));
        Assert.Empty(nothing);
        Assert.Equal(2, oneService.Count);
        Assert.Equal(highwaysInPost.Id, next!.ItemId);
    }

    [Fact]
    public async Task CountAsync_MoreItemsThanAnyLimit_GroupsByBotCategoryServiceWithUrgentAndEscalated()
    {
        await using var t = await CreateStoreAsync();
        await AccountsAsync(t);
        for (var i = 0; i < 30; i++)
        {
            await InReviewAsync(t, "H" + i, queue: "post", service: "Highways", urgent: i < 3);
        }

        for (var i = 0; i < 7; i++)
        {
            await InReviewAsync(t, "B" + i, queue: "forms", service: "Blue Badge team", category: "blue-badge");
        }

        var escalated = await InReviewAsync(t, "F-esc", queue: "forms", service: "Blue Badge team", category: "blue-badge");
        await EscalateAsync(t, escalated.Id);
        var decided = await InReviewAsync(t, "gone", queue: "post", service: "Highways");
        await t.Reviews.ClaimAsync(decided.Id, "dora", Claim, None);
        await t.Reviews.DecideAsync(decided.Id, "dora", new ReviewDecision(ReviewDecisionKind.Reject, "duplicate"), None);

        var all = await t.Reviews.CountAsync(new ReviewFilter(Limit: 5), None);
        var ritas = await t.Reviews.CountAsync(new ReviewFilter(Queues: []) { Services = ["Highways"] }, None);
        var notEscalated = await t.Reviews.CountAsync(new ReviewFilter(Queues: ["forms"]) { Escalated = false }, None);

        Assert.Equal(
            [new ReviewCount("inbound-post", "pothole", "Highways", 30, 3, 0), new ReviewCount("inbound-post", "blue-badge", "Blue Badge team", 8, 0, 1)],
            all);
        Assert.Equal([new ReviewCount("inbound-post", "pothole", "Highways", 30, 3, 0)], ritas);
        Assert.Equal([new ReviewCount("inbound-post", "blue-badge", "Blue Badge team", 7, 0, 0)], notEscalated);
        Assert.Empty(await t.Reviews.CountAsync(new ReviewFilter(Queues: []), None));
    }

    [Fact]
    public async Task ReassignAsync_SupervisorToReviewerGrantedTheService_ClaimedForThemAndAuditedInBothTrails()
    {
        await using var t = await CreateStoreAsync();
        await AccountsAsync(t);
        var item = await InReviewAsync(t, "A", queue: "post", service: "Highways");
        await t.Reviews.ClaimAsync(item.Id, "dora", Claim, None);

        var task = await t.Reviews.ReassignAsync(item.Id, "DORA", "Rita", Claim, None);

        Assert.Equal("rita", task.ClaimedBy);
        Assert.Equal(StoreHarness.Start + Claim, task.ClaimExpiresAt);
        Assert.Equal("rita", (await t.Reviews.GetAsync(item.Id, None))!.ClaimedBy);
        await Assert.ThrowsAsync<ReviewClaimException>(() => t.Reviews.ClaimAsync(item.Id, "sam", Claim, None));
        var trail = await t.Queue.GetAuditTrailAsync(item.Id, None);
        Assert.Equal("supervisor:dora", trail[^1].Actor);
        Assert.Equal(WorkItemState.NeedsReview, trail[^1].From);
        Assert.StartsWith("reassigned to rita", trail[^1].Reason, StringComparison.Ordinal);
        Assert.Contains("held by dora", trail[^1].Reason, StringComparison.Ordinal);
        var security = await t.Users.ListSecurityEventsAsync("A", 10, None);
        Assert.Contains(security, e => e.Actor == "dora" && e.Action == "review-reassigned" && e.Detail == "to rita; held by dora");

        // The claim expires as usual.
        t.Time.Advance(Claim);
        Assert.Null((await t.Reviews.GetAsync(item.Id, None))!.ClaimedBy);
    }

    [Fact]
    public async Task ReassignAsync_ReviewerNotGrantedOrByReviewerOrUnknown_RefusedAndNothingChanges()
    {
        await using var t = await CreateStoreAsync();
        await AccountsAsync(t);
        var item = await InReviewAsync(t, "A", queue: "post", service: "Highways");
        await t.Users.SetUserDisabledAsync("ada", true, "test", None);

        await Assert.ThrowsAsync<ReviewAccessException>(() => t.Reviews.ReassignAsync(item.Id, "dora", "sam", Claim, None));
        await Assert.ThrowsAsync<ReviewAccessException>(() => t.Reviews.ReassignAsync(item.Id, "rita", "rita", Claim, None));
        await Assert.ThrowsAsync<ReviewAccessException>(() => t.Reviews.ReassignAsync(item.Id, "dora", "nobody", Claim, None));
        await Assert.ThrowsAsync<ReviewAccessException>(() => t.Reviews.ReassignAsync(item.Id, "dora", "ada", Claim, None));
        await Assert.ThrowsAsync<ReviewAccessException>(() => t.Reviews.ReassignAsync(item.Id, "ada", "dora", Claim, None));
        await Assert.ThrowsAsync<WorkItemNotFoundException>(() => t.Reviews.ReassignAsync(999, "dora", "rita", Claim, None));

        Assert.Null((await t.Reviews.GetAsync(item.Id, None))!.ClaimedBy);
        Assert.DoesNotContain(await t.Queue.GetAuditTrailAsync(item.Id, None), e => e.Actor.StartsWith("supervisor:", StringComparison.Ordinal));
        Assert.Empty(await t.Users.ListSecurityEventsAsync("A", 10, None));
    }

    [Fact]
    public async Task ReleaseClaimAsync_ClaimedItem_ReleasedAuditedThenNothingToRelease()
    {
        await using var t = await CreateStoreAsync();
        await AccountsAsync(t);
        var item = await InReviewAsync(t, "A");
        await t.Reviews.ClaimAsync(item.Id, "rita", Claim, None);

        await Assert.ThrowsAsync<ReviewAccessException>(() => t.Reviews.ReleaseClaimAsync(item.Id, "sam", None));
        var holder = await t.Reviews.ReleaseClaimAsync(item.Id, "ada", None);

        Assert.Equal("rita", holder);
        Assert.Null((await t.Reviews.GetAsync(item.Id, None))!.ClaimedBy);
        Assert.Equal("claim of rita released", (await t.Queue.GetAuditTrailAsync(item.Id, None))[^1].Reason);
        Assert.Contains(await t.Users.ListSecurityEventsAsync("A", 10, None), e => e.Actor == "ada" && e.Action == "claim-released");
        await Assert.ThrowsAsync<ReviewClaimException>(() => t.Reviews.ReleaseClaimAsync(item.Id, "ada", None));
        Assert.Equal("sam", (await t.Reviews.ClaimAsync(item.Id, "sam", Claim, None)).ClaimedBy);
    }

    [Fact]
    public async Task EscalatedItem_Reviewer_CannotTakeDecideOrBeGivenIt_SupervisorCan()
    {
        await using var t = await CreateStoreAsync();
        await AccountsAsync(t);
        var escalated = await InReviewAsync(t, "E", queue: "forms");
        var plain = await InReviewAsync(t, "P", queue: "forms");
        await EscalateAsync(t, escalated.Id);

        await Assert.ThrowsAsync<ReviewAccessException>(() => t.Reviews.ClaimAsync(escalated.Id, "sam", Claim, None));
        await Assert.ThrowsAsync<ReviewAccessException>(() => t.Reviews.ClaimAsync(escalated.Id, "no-account", Claim, None));
        await Assert.ThrowsAsync<ReviewAccessException>(() => t.Reviews.ReassignAsync(escalated.Id, "dora", "sam", Claim, None));
        Assert.Equal(plain.Id, (await t.Reviews.ClaimNextAsync("sam", Claim, new ReviewFilter(Queues: ["forms"]), None))!.ItemId);
        Assert.Null(await t.Reviews.ClaimNextAsync("sam", Claim, new ReviewFilter(Queues: ["forms"]), None));

        // Even a claim put there behind the store's back does not let a reviewer decide it.
        t.Execute($"UPDATE review_tasks SET claimed_by = 'sam', claim_expires_at = {(StoreHarness.Start + Claim).ToUnixTimeMilliseconds()} WHERE item_id = {escalated.Id};");

        await Assert.ThrowsAsync<ReviewAccessException>(
            () => t.Reviews.DecideAsync(escalated.Id, "sam", new ReviewDecision(ReviewDecisionKind.Approve, "ok"), None));
        Assert.Equal(WorkItemState.NeedsReview, (await t.Queue.FindAsync("E", None))!.State);

        await t.Reviews.ReassignAsync(escalated.Id, "ada", "dora", Claim, None);
        await t.Reviews.DecideAsync(escalated.Id, "dora", new ReviewDecision(ReviewDecisionKind.Reject, "not for us"), None);
        Assert.Equal(WorkItemState.BusinessException, (await t.Queue.FindAsync("E", None))!.State);
    }
}
