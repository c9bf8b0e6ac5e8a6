using AutomationFleet.Core.Review;
using AutomationFleet.Core.Users;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Storage.Sqlite;

namespace AutomationFleet.Storage.Tests.Sqlite;

/// <summary>Services on review tasks, service grants, store counts, reassignment, releases and escalations.</summary>
[Trait("Category", "Integration")]
public sealed class SqliteFleetStoreSupervisionTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Claim = TimeSpan.FromMinutes(10);

    private static ReviewRequest Request(string? service, string category = "pothole", bool urgent = false) =>
        new("inbound-post", category, "{}", 0.6, "{}", ["low"], urgent, service);

    private static async Task<WorkItem> InReviewAsync(
        TestStore t, string reference, string queue = "post", string? service = "Highways", string category = "pothole", bool urgent = false)
    {
        var item = await t.EnqueueAsync(reference, queue: queue);
        Assert.Single(await t.Store.LeaseAsync(queue, "w1", 1, TimeSpan.FromMinutes(5), None));
        await t.Store.SendToReviewAsync(item.Id, "w1", Request(service, category, urgent), None);
        return item;
    }

    private static async Task AccountsAsync(TestStore t)
    {
        await t.Store.AddUserAsync("rita", "h", UserRole.Reviewer, "test", None);
        await t.Store.AddUserAsync("sam", "h", UserRole.Reviewer, "test", None);
        await t.Store.AddUserAsync("dora", "h", UserRole.Supervisor, "test", None);
        await t.Store.AddUserAsync("ada", "h", UserRole.Administrator, "test", None);
        await t.Store.GrantServiceAsync("rita", "Highways", "test", None);
        await t.Store.GrantQueueAsync("sam", "forms", "test", None);
    }

    private static async Task EscalateAsync(TestStore t, long itemId)
    {
        await t.Store.ClaimAsync(itemId, "sam", Claim, None);
        await t.Store.DecideAsync(itemId, "sam", new ReviewDecision(ReviewDecisionKind.Escalate, "needs a supervisor"), None);
    }

    [Fact]
    public async Task SendToReviewAsync_WithService_StoredAndKeptOnTheDecidedTask()
    {
        await using var t = await TestStore.CreateAsync();
        var item = await InReviewAsync(t, "A", service: "Blue Badge team");

        Assert.Equal("Blue Badge team", (await t.Store.GetAsync(item.Id, None))!.Request.Service);
        await t.Store.ClaimAsync(item.Id, "alice", Claim, None);
        await t.Store.DecideAsync(item.Id, "alice", new ReviewDecision(ReviewDecisionKind.Approve, "ok"), None);

        Assert.Null(await t.Store.GetAsync(item.Id, None));
        Assert.Equal("Blue Badge team", (await t.Store.GetLatestAsync(item.Id, None))!.Request.Service);
        Assert.Null(await t.Store.GetLatestAsync(999, None));
    }

    [Fact]
    public async Task GrantServiceAsync_TwiceAnyCase_ListedOnceAndAudited()
    {
        await using var t = await TestStore.CreateAsync();
        await t.Store.AddUserAsync("Rita", "h", UserRole.Reviewer, "cli", None);
        await t.Store.GrantServiceAsync("rita", "Highways", "cli:admin", None);
        await t.Store.GrantServiceAsync("RITA", "Highways", "cli:admin", None);

        var account = await t.Store.FindUserAsync("rita", None);
        var listed = Assert.Single(await t.Store.ListUsersAsync(None));

        Assert.Equal(["Highways"], account!.Services);
        Assert.Empty(account.Queues);
        Assert.Equal(["Highways"], listed.Services);
        var audit = await t.Store.ListSecurityEventsAsync("Rita", 10, None);
        Assert.Contains(audit, e => e.Action == "service-granted" && e.Detail == "service Highways" && e.Actor == "cli:admin");
        await Assert.ThrowsAsync<UserNotFoundException>(() => t.Store.GrantServiceAsync("nobody", "Highways", "cli", None));
    }

    [Fact]
    public async Task ListAsync_QueueOrServiceGranted_SeesEitherAndNothingElse()
    {
        await using var t = await TestStore.CreateAsync();
        var highwaysInPost = await InReviewAsync(t, "A", queue: "post", service: "Highways");
        var formsItem = await InReviewAsync(t, "B", queue: "forms", service: "Blue Badge team");
        await InReviewAsync(t, "C", queue: "post", service: "Blue Badge team");
        await InReviewAsync(t, "D", queue: "post", service: null);

        var byService = await t.Store.ListAsync(new ReviewFilter { Services = ["Highways"] }, None);
        var byEither = await t.Store.ListAsync(new ReviewFilter(Queues: ["forms"]) { Services = ["Highways"] }, None);
        var nothing = await t.Store.ListAsync(new ReviewFilter(Queues: []) { Services = [] }, None);
        var oneService = await t.Store.ListAsync(new ReviewFilter { Service = "Blue Badge team" }, None);
        var next = await t.Store.ClaimNextAsync("rita", Claim, new ReviewFilter(Queues: []) { Services = ["Highways"] }, None);

        Assert.Equal([highwaysInPost.Id], byService.Select(x => x.ItemId));
        Assert.Equal([highwaysInPost.Id, formsItem.Id], byEither.Select(x => x.ItemId));
        Assert.Empty(nothing);
        Assert.Equal(2, oneService.Count);
        Assert.Equal(highwaysInPost.Id, next!.ItemId);
    }

    [Fact]
    public async Task CountAsync_MoreItemsThanAnyLimit_GroupsByBotCategoryServiceWithUrgentAndEscalated()
    {
        await using var t = await TestStore.CreateAsync();
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
        await t.Store.ClaimAsync(decided.Id, "dora", Claim, None);
        await t.Store.DecideAsync(decided.Id, "dora", new ReviewDecision(ReviewDecisionKind.Reject, "duplicate"), None);

        var all = await t.Store.CountAsync(new ReviewFilter(Limit: 5), None);
        var ritas = await t.Store.CountAsync(new ReviewFilter(Queues: []) { Services = ["Highways"] }, None);
        var notEscalated = await t.Store.CountAsync(new ReviewFilter(Queues: ["forms"]) { Escalated = false }, None);

        Assert.Equal(
            [new ReviewCount("inbound-post", "pothole", "Highways", 30, 3, 0), new ReviewCount("inbound-post", "blue-badge", "Blue Badge team", 8, 0, 1)],
            all);
        Assert.Equal([new ReviewCount("inbound-post", "pothole", "Highways", 30, 3, 0)], ritas);
        Assert.Equal([new ReviewCount("inbound-post", "blue-badge", "Blue Badge team", 7, 0, 0)], notEscalated);
        Assert.Empty(await t.Store.CountAsync(new ReviewFilter(Queues: []), None));
    }

    [Fact]
    public async Task ReassignAsync_SupervisorToReviewerGrantedTheService_ClaimedForThemAndAuditedInBothTrails()
    {
        await using var t = await TestStore.CreateAsync();
        await AccountsAsync(t);
        var item = await InReviewAsync(t, "A", queue: "post", service: "Highways");
        await t.Store.ClaimAsync(item.Id, "dora", Claim, None);

        var task = await t.Store.ReassignAsync(item.Id, "DORA", "Rita", Claim, None);

        Assert.Equal("rita", task.ClaimedBy);
        Assert.Equal(TestStore.Start + Claim, task.ClaimExpiresAt);
        Assert.Equal("rita", (await t.Store.GetAsync(item.Id, None))!.ClaimedBy);
        await Assert.ThrowsAsync<ReviewClaimException>(() => t.Store.ClaimAsync(item.Id, "sam", Claim, None));
        var trail = await t.Store.GetAuditTrailAsync(item.Id, None);
        Assert.Equal("supervisor:dora", trail[^1].Actor);
        Assert.Equal(WorkItemState.NeedsReview, trail[^1].From);
        Assert.StartsWith("reassigned to rita", trail[^1].Reason, StringComparison.Ordinal);
        Assert.Contains("held by dora", trail[^1].Reason, StringComparison.Ordinal);
        var security = await t.Store.ListSecurityEventsAsync("A", 10, None);
        Assert.Contains(security, e => e.Actor == "dora" && e.Action == "review-reassigned" && e.Detail == "to rita; held by dora");

        // The claim expires as usual.
        t.Time.Advance(Claim);
        Assert.Null((await t.Store.GetAsync(item.Id, None))!.ClaimedBy);
    }

    [Fact]
    public async Task ReassignAsync_ReviewerNotGrantedOrByReviewerOrUnknown_RefusedAndNothingChanges()
    {
        await using var t = await TestStore.CreateAsync();
        await AccountsAsync(t);
        var item = await InReviewAsync(t, "A", queue: "post", service: "Highways");
        await t.Store.SetUserDisabledAsync("ada", true, "test", None);

        await Assert.ThrowsAsync<ReviewAccessException>(() => t.Store.ReassignAsync(item.Id, "dora", "sam", Claim, None));
        await Assert.ThrowsAsync<ReviewAccessException>(() => t.Store.ReassignAsync(item.Id, "rita", "rita", Claim, None));
        await Assert.ThrowsAsync<ReviewAccessException>(() => t.Store.ReassignAsync(item.Id, "dora", "nobody", Claim, None));
        await Assert.ThrowsAsync<ReviewAccessException>(() => t.Store.ReassignAsync(item.Id, "dora", "ada", Claim, None));
        await Assert.ThrowsAsync<ReviewAccessException>(() => t.Store.ReassignAsync(item.Id, "ada", "dora", Claim, None));
        await Assert.ThrowsAsync<WorkItemNotFoundException>(() => t.Store.ReassignAsync(999, "dora", "rita", Claim, None));

        Assert.Null((await t.Store.GetAsync(item.Id, None))!.ClaimedBy);
        Assert.DoesNotContain(await t.Store.GetAuditTrailAsync(item.Id, None), e => e.Actor.StartsWith("supervisor:", StringComparison.Ordinal));
        Assert.Empty(await t.Store.ListSecurityEventsAsync("A", 10, None));
    }

    [Fact]
    public async Task ReleaseClaimAsync_ClaimedItem_ReleasedAuditedThenNothingToRelease()
    {
        await using var t = await TestStore.CreateAsync();
        await AccountsAsync(t);
        var item = await InReviewAsync(t, "A");
        await t.Store.ClaimAsync(item.Id, "rita", Claim, None);

        await Assert.ThrowsAsync<ReviewAccessException>(() => t.Store.ReleaseClaimAsync(item.Id, "sam", None));
        var holder = await t.Store.ReleaseClaimAsync(item.Id, "ada", None);

        Assert.Equal("rita", holder);
        Assert.Null((await t.Store.GetAsync(item.Id, None))!.ClaimedBy);
        Assert.Equal("claim of rita released", (await t.Store.GetAuditTrailAsync(item.Id, None))[^1].Reason);
        Assert.Contains(await t.Store.ListSecurityEventsAsync("A", 10, None), e => e.Actor == "ada" && e.Action == "claim-released");
        await Assert.ThrowsAsync<ReviewClaimException>(() => t.Store.ReleaseClaimAsync(item.Id, "ada", None));
        Assert.Equal("sam", (await t.Store.ClaimAsync(item.Id, "sam", Claim, None)).ClaimedBy);
    }

    [Fact]
    public async Task EscalatedItem_Reviewer_CannotTakeDecideOrBeGivenIt_SupervisorCan()
    {
        await using var t = await TestStore.CreateAsync();
        await AccountsAsync(t);
        var escalated = await InReviewAsync(t, "E", queue: "forms");
        var plain = await InReviewAsync(t, "P", queue: "forms");
        await EscalateAsync(t, escalated.Id);

        await Assert.ThrowsAsync<ReviewAccessException>(() => t.Store.ClaimAsync(escalated.Id, "sam", Claim, None));
        await Assert.ThrowsAsync<ReviewAccessException>(() => t.Store.ClaimAsync(escalated.Id, "no-account", Claim, None));
        await Assert.ThrowsAsync<ReviewAccessException>(() => t.Store.ReassignAsync(escalated.Id, "dora", "sam", Claim, None));
        Assert.Equal(plain.Id, (await t.Store.ClaimNextAsync("sam", Claim, new ReviewFilter(Queues: ["forms"]), None))!.ItemId);
        Assert.Null(await t.Store.ClaimNextAsync("sam", Claim, new ReviewFilter(Queues: ["forms"]), None));

        // Even a claim put there behind the store's back does not let a reviewer decide it.
        using (var connection = t.OpenRaw())
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"UPDATE review_tasks SET claimed_by = 'sam', claim_expires_at = {(TestStore.Start + Claim).ToUnixTimeMilliseconds()} WHERE item_id = {escalated.Id};";
            command.ExecuteNonQuery();
        }

        await Assert.ThrowsAsync<ReviewAccessException>(
            () => t.Store.DecideAsync(escalated.Id, "sam", new ReviewDecision(ReviewDecisionKind.Approve, "ok"), None));
        Assert.Equal(WorkItemState.NeedsReview, (await t.Store.FindAsync("E", None))!.State);

        await t.Store.ReassignAsync(escalated.Id, "ada", "dora", Claim, None);
        await t.Store.DecideAsync(escalated.Id, "dora", new ReviewDecision(ReviewDecisionKind.Reject, "not for us"), None);
        Assert.Equal(WorkItemState.BusinessException, (await t.Store.FindAsync("E", None))!.State);
    }

    [Fact]
    public async Task InitializeAsync_VersionTwoFile_MigratesAddingServiceKeepingOpenTasks()
    {
        await using var t = await TestStore.CreateAsync();
        var old = await InReviewAsync(t, "OLD", service: null);
        await t.Store.AddUserAsync("rita", "h", UserRole.Reviewer, "test", None);
        await t.Store.DisposeAsync();
        using (var connection = t.OpenRaw())
        {
            // The version-2 shape: none of the later steps' tables or columns.
            using var command = connection.CreateCommand();
            command.CommandText = """
                DROP TABLE incident_audit; DROP TABLE incident_reports; DROP TABLE incidents;
                DROP TABLE threshold_overrides;
                DROP INDEX ix_review_tasks_counts; ALTER TABLE review_tasks DROP COLUMN service; ALTER TABLE review_tasks DROP COLUMN queue;
                DROP TABLE user_services;
                DELETE FROM schema_version; INSERT INTO schema_version (version, applied_at) VALUES (2, 0);
                """;
            command.ExecuteNonQuery();
        }

        Assert.Equal(0, t.Scalar("SELECT COUNT(*) FROM pragma_table_info('review_tasks') WHERE name = 'service'"));
        await using var reopened = new SqliteFleetStore(t.Options, t.Time);
        await reopened.InitializeAsync(None);
        await reopened.GrantServiceAsync("rita", "Highways", "cli", None);
        var item = (await reopened.EnqueueAsync(new NewWorkItem("post", "NEW", "{}"), "test", None)).Item;
        Assert.Single(await reopened.LeaseAsync("post", "w1", 1, TimeSpan.FromMinutes(5), None));
        await reopened.SendToReviewAsync(item.Id, "w1", Request("Highways"), None);

        Assert.Equal(SqliteSchema.CurrentVersion, t.Scalar("SELECT MAX(version) FROM schema_version"));
        Assert.Equal(1, t.Scalar("SELECT COUNT(*) FROM schema_version WHERE version = 4"));
        Assert.Equal(1, t.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'ix_review_tasks_counts'"));
        Assert.Null((await reopened.GetAsync(old.Id, None))!.Request.Service);
        Assert.Equal(0, t.Scalar("SELECT COUNT(*) FROM review_tasks WHERE queue IS NULL OR queue <> 'post'"));
        Assert.Contains(new ReviewCount("inbound-post", "pothole", null, 1, 0, 0), await reopened.CountAsync(new ReviewFilter(Queues: ["post"]), None));
        Assert.Equal(
            [item.Id],
            (await reopened.ListAsync(new ReviewFilter(Queues: []) { Services = (await reopened.FindUserAsync("rita", None))!.Services }, None))
                .Select(x => x.ItemId));
        Assert.Equal(2, (await reopened.ListAsync(new ReviewFilter(), None)).Count);
    }
}
