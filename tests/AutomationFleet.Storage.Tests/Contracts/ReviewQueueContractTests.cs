using AutomationFleet.Core.Review;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Storage.Tests.Contracts;

/// <summary><see cref="Core.Review.IReviewQueue"/>'s contract (claims, decisions, labelled examples, the audit trail), run against every store by a subclass per store.</summary>
public abstract class ReviewQueueContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Claim = TimeSpan.FromMinutes(10);
    private static readonly ReviewFilter All = new();

    private static ReviewRequest Request(bool urgent = false, string? proposal = "{\"team\":\"Highways\"}") =>
        new("IncidentReports", "pothole", proposal, 0.62, "{\"top\":[\"pothole\"]}", ["Confidence 0.620 is below the threshold 0.950"], urgent);

    private static async Task<WorkItem> InReviewAsync(StoreHarness t, string reference, bool urgent = false, DateTimeOffset? due = null, string queue = "q")
    {
        var item = await t.EnqueueAsync(reference, queue: queue, due: due);
        var leased = await t.Queue.LeaseAsync(queue, "w1", 1, TimeSpan.FromMinutes(5), None);
        Assert.Equal(item.Id, Assert.Single(leased).Id);
        await t.Queue.SendToReviewAsync(item.Id, "w1", Request(urgent), None);
        return item;
    }

    /// <summary>A fresh, empty store on the harness's fake clock.</summary>
    protected abstract Task<StoreHarness> CreateStoreAsync();

    [Fact]
    public async Task SendToReviewAsync_HeldLease_OpensReviewTaskWithProposal()
    {
        await using var t = await CreateStoreAsync();
        var item = await InReviewAsync(t, "REF-1");

        var task = await t.Reviews.GetAsync(item.Id, None);

        Assert.NotNull(task);
        Assert.Equal("REF-1", task.Reference);
        var expected = Request();
        Assert.Equal(expected, task.Request with { Reasons = expected.Reasons });
        Assert.Equal(expected.Reasons, task.Request.Reasons);
        Assert.Null(task.ClaimedBy);
        Assert.Equal(WorkItemState.NeedsReview, (await t.Queue.FindAsync("REF-1", None))!.State);
        var last = (await t.Queue.GetAuditTrailAsync(item.Id, None))[^1];
        Assert.Equal(WorkItemState.NeedsReview, last.To);
        Assert.Equal("Confidence 0.620 is below the threshold 0.950", last.Reason);
    }

    [Fact]
    public async Task ClaimAsync_OtherReviewerHoldsLiveClaim_ThrowsUntilClaimExpires()
    {
        await using var t = await CreateStoreAsync();
        var item = await InReviewAsync(t, "REF-1");
        var claimed = await t.Reviews.ClaimAsync(item.Id, "alice", Claim, None);
        Assert.Equal("alice", claimed.ClaimedBy);

        await Assert.ThrowsAsync<ReviewClaimException>(() => t.Reviews.ClaimAsync(item.Id, "bob", Claim, None));
        t.Time.Advance(Claim - TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<ReviewClaimException>(() => t.Reviews.ClaimAsync(item.Id, "bob", Claim, None));
        t.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Null((await t.Reviews.GetAsync(item.Id, None))!.ClaimedBy);
        var taken = await t.Reviews.ClaimAsync(item.Id, "bob", Claim, None);
        Assert.Equal("bob", taken.ClaimedBy);
        await Assert.ThrowsAsync<ReviewClaimException>(
            () => t.Reviews.DecideAsync(item.Id, "alice", new ReviewDecision(ReviewDecisionKind.Approve, "looks right"), None));
    }

    [Fact]
    public async Task ClaimAsync_SameReviewer_ExtendsClaim()
    {
        await using var t = await CreateStoreAsync();
        var item = await InReviewAsync(t, "REF-1");
        await t.Reviews.ClaimAsync(item.Id, "alice", Claim, None);
        t.Time.Advance(TimeSpan.FromMinutes(5));

        var again = await t.Reviews.ClaimAsync(item.Id, "alice", Claim, None);

        Assert.Equal(t.Time.GetUtcNow() + Claim, again.ClaimExpiresAt);
    }

    [Fact]
    public async Task DecideAsync_ClaimExpired_ThrowsReviewClaim()
    {
        await using var t = await CreateStoreAsync();
        var item = await InReviewAsync(t, "REF-1");
        await t.Reviews.ClaimAsync(item.Id, "alice", Claim, None);
        t.Time.Advance(Claim);

        await Assert.ThrowsAsync<ReviewClaimException>(
            () => t.Reviews.DecideAsync(item.Id, "alice", new ReviewDecision(ReviewDecisionKind.Approve, "ok"), None));
        Assert.Equal(WorkItemState.NeedsReview, (await t.Queue.FindAsync("REF-1", None))!.State);
    }

    [Fact]
    public async Task ClaimNextAsync_SeveralOpen_TakesUrgentThenEscalatedThenDueThenAge()
    {
        await using var t = await CreateStoreAsync();
        var plain = await InReviewAsync(t, "plain");
        t.Time.Advance(TimeSpan.FromMinutes(1));
        var younger = await InReviewAsync(t, "younger");
        var due = await InReviewAsync(t, "due", due: StoreHarness.Start.AddDays(1));
        var escalated = await InReviewAsync(t, "escalated");
        var urgent = await InReviewAsync(t, "urgent", urgent: true);

        // Escalated items go only to supervisors (or administrators).
        await t.Users.AddUserAsync("bob", "h", Core.Users.UserRole.Supervisor, "test", None);
        await t.Users.AddUserAsync("carol", "h", Core.Users.UserRole.Administrator, "test", None);
        await t.Reviews.ClaimAsync(escalated.Id, "alice", Claim, None);
        await t.Reviews.DecideAsync(escalated.Id, "alice", new ReviewDecision(ReviewDecisionKind.Escalate, "needs a supervisor"), None);

        var listed = await t.Reviews.ListAsync(All, None);
        var order = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            order.Add((await t.Reviews.ClaimNextAsync("bob", Claim, All, None))!.ItemId);
        }

        Assert.Equal([urgent.Id, escalated.Id, due.Id, plain.Id, younger.Id], listed.Select(x => x.ItemId));
        Assert.Equal([urgent.Id, escalated.Id, due.Id, plain.Id, younger.Id], order);
        Assert.Null(await t.Reviews.ClaimNextAsync("carol", Claim, All, None));
        t.Time.Advance(Claim);
        Assert.Equal(urgent.Id, (await t.Reviews.ClaimNextAsync("carol", Claim, All, None))!.ItemId);
    }

    [Fact]
    public async Task ListAsync_FilterByQueueBotCategory_OnlyMatching()
    {
        await using var t = await CreateStoreAsync();
        var a = await InReviewAsync(t, "A", queue: "incidents");
        await InReviewAsync(t, "B", queue: "contacts");

        Assert.Equal([a.Id], (await t.Reviews.ListAsync(new ReviewFilter(Queues: ["incidents"]), None)).Select(x => x.ItemId));
        Assert.Empty(await t.Reviews.ListAsync(new ReviewFilter(Queues: []), None));
        Assert.Empty(await t.Reviews.ListAsync(new ReviewFilter(Bot: "ContactForms"), None));
        Assert.Equal(2, (await t.Reviews.ListAsync(new ReviewFilter(Bot: "IncidentReports", Category: "pothole"), None)).Count);
        Assert.Single(await t.Reviews.ListAsync(new ReviewFilter(Limit: 1), None));
    }

    [Fact]
    public async Task DecideAsync_Approve_ItemBackToNewWithProposalAndTaskClosed()
    {
        await using var t = await CreateStoreAsync();
        var item = await InReviewAsync(t, "REF-1");
        await t.Reviews.ClaimAsync(item.Id, "alice", Claim, None);

        await t.Reviews.DecideAsync(item.Id, "alice", new ReviewDecision(ReviewDecisionKind.Approve, "matches the photo"), None);

        var decided = (await t.Queue.FindAsync("REF-1", None))!;
        Assert.Equal(WorkItemState.New, decided.State);
        Assert.Equal(Request().ProposalJson, decided.OutcomeJson);
        Assert.Equal(1.0, decided.Confidence);
        Assert.Equal("reviewer:alice", decided.OutcomeDecidedBy);
        Assert.Null(await t.Reviews.GetAsync(item.Id, None));
        Assert.Empty(await t.Reviews.ListAsync(All, None));
        Assert.Empty(await t.Reviews.GetLabelledExamplesAsync("IncidentReports", None));
        var last = (await t.Queue.GetAuditTrailAsync(item.Id, None))[^1];
        Assert.Equal("reviewer:alice", last.Actor);
        Assert.Equal("approved: matches the photo", last.Reason);
        Assert.Equal(item.Id, Assert.Single(await t.Queue.LeaseAsync("q", "w2", 1, TimeSpan.FromMinutes(5), None)).Id);
    }

    [Fact]
    public async Task DecideAsync_Correct_CorrectedOutcomeAndLabelledExampleKept()
    {
        await using var t = await CreateStoreAsync();
        var item = await InReviewAsync(t, "REF-1");
        await t.Reviews.ClaimAsync(item.Id, "alice", Claim, None);

        await t.Reviews.DecideAsync(
            item.Id,
            "alice",
            new ReviewDecision(ReviewDecisionKind.Correct, "it is a streetlight", "{\"team\":\"Lighting\"}", "streetlight"),
            None);

        var decided = (await t.Queue.FindAsync("REF-1", None))!;
        Assert.Equal(WorkItemState.New, decided.State);
        Assert.Equal("{\"team\":\"Lighting\"}", decided.OutcomeJson);
        Assert.Equal("reviewer:alice", decided.OutcomeDecidedBy);
        var example = Assert.Single(await t.Reviews.GetLabelledExamplesAsync("IncidentReports", None));
        Assert.Equal(
            new LabelledExample(
                example.Id, "IncidentReports", item.Id, "REF-1", "{\"n\":1}", "pothole", "{\"team\":\"Highways\"}",
                "streetlight", "{\"team\":\"Lighting\"}", "alice", StoreHarness.Start),
            example);
    }

    [Fact]
    public async Task DecideAsync_CorrectItemCarryingPersonalData_LabelledExampleKeptRedactedItemOutcomeNot()
    {
        await using var t = await CreateStoreAsync();
        const string form = "{\"person\":{\"surname\":\"Nicolaus\",\"dateOfBirth\":\"12/03/1984\"},\"message\":\"NHS 943 476 5919, SO7 4DT\"}";
        var item = (await t.Queue.EnqueueAsync(new NewWorkItem("q", "REF-P", form), "test", None)).Item;
        Assert.Single(await t.Queue.LeaseAsync("q", "w1", 1, TimeSpan.FromMinutes(5), None));
        await t.Queue.SendToReviewAsync(item.Id, "w1", Request(proposal: "{\"caseRecordId\":\"CR100006\",\"category\":\"care\"}"), None);
        await t.Reviews.ClaimAsync(item.Id, "alice", Claim, None);
        const string corrected = "{\"caseRecordId\":\"CR100002\",\"category\":\"equipment\",\"note\":\"call 0118 496 0835\"}";

        await t.Reviews.DecideAsync(item.Id, "alice", new ReviewDecision(ReviewDecisionKind.Correct, "other record", corrected, "equipment"), None);

        Assert.Equal(corrected, (await t.Queue.FindAsync("REF-P", None))!.OutcomeJson);
        var example = Assert.Single(await t.Reviews.GetLabelledExamplesAsync("IncidentReports", None));
        Assert.Equal(("REF-P", "equipment"), (example.Reference, example.CorrectedCategory));
        Assert.Equal("{\"person\":\"[redacted]\",\"message\":\"NHS [nhs-number], [postcode]\"}", example.PayloadJson);
        Assert.Equal("{\"caseRecordId\":\"[redacted]\",\"category\":\"care\"}", example.ProposedOutcomeJson);
        Assert.Equal("{\"caseRecordId\":\"[redacted]\",\"category\":\"equipment\",\"note\":\"call [phone]\"}", example.CorrectedOutcomeJson);
    }

    [Fact]
    public async Task DecideAsync_CorrectWithoutOutcome_ThrowsAndNothingChanges()
    {
        await using var t = await CreateStoreAsync();
        var item = await InReviewAsync(t, "REF-1");
        await t.Reviews.ClaimAsync(item.Id, "alice", Claim, None);

        await Assert.ThrowsAsync<ArgumentException>(
            () => t.Reviews.DecideAsync(item.Id, "alice", new ReviewDecision(ReviewDecisionKind.Correct, "wrong"), None));

        Assert.NotNull(await t.Reviews.GetAsync(item.Id, None));
    }

    [Fact]
    public async Task DecideAsync_Reject_BusinessExceptionAndTaskClosed()
    {
        await using var t = await CreateStoreAsync();
        var item = await InReviewAsync(t, "REF-1");
        await t.Reviews.ClaimAsync(item.Id, "alice", Claim, None);

        await t.Reviews.DecideAsync(item.Id, "alice", new ReviewDecision(ReviewDecisionKind.Reject, "private land"), None);

        var decided = (await t.Queue.FindAsync("REF-1", None))!;
        Assert.Equal(WorkItemState.BusinessException, decided.State);
        Assert.Equal("private land", decided.LastError);
        Assert.Null(await t.Reviews.GetAsync(item.Id, None));
        await Assert.ThrowsAsync<ReviewClaimException>(() => t.Reviews.ClaimAsync(item.Id, "alice", Claim, None));
    }

    [Fact]
    public async Task DecideAsync_Escalate_StaysInReviewEscalatedClaimCleared()
    {
        await using var t = await CreateStoreAsync();
        var item = await InReviewAsync(t, "REF-1");
        await t.Reviews.ClaimAsync(item.Id, "alice", Claim, None);

        await t.Reviews.DecideAsync(item.Id, "alice", new ReviewDecision(ReviewDecisionKind.Escalate, "possible safeguarding"), None);

        var task = await t.Reviews.GetAsync(item.Id, None);
        Assert.NotNull(task);
        Assert.True(task.Escalated);
        Assert.Null(task.ClaimedBy);
        Assert.Equal(WorkItemState.NeedsReview, (await t.Queue.FindAsync("REF-1", None))!.State);
        await t.Users.AddUserAsync("supervisor", "h", Core.Users.UserRole.Supervisor, "test", None);
        await t.Reviews.ClaimAsync(item.Id, "supervisor", Claim, None);
    }

    [Fact]
    public async Task GetAuditTrailAsync_ReviewedItemDelivered_EveryTransitionWithActorAndReason()
    {
        await using var t = await CreateStoreAsync();
        var item = await InReviewAsync(t, "REF-1");
        await t.Reviews.ClaimAsync(item.Id, "alice", Claim, None);
        await t.Reviews.DecideAsync(item.Id, "alice", new ReviewDecision(ReviewDecisionKind.Escalate, "unsure"), None);
        await t.Users.AddUserAsync("sue", "h", Core.Users.UserRole.Supervisor, "test", None);
        await t.Reviews.ClaimAsync(item.Id, "sue", Claim, None);
        await t.Reviews.DecideAsync(item.Id, "sue", new ReviewDecision(ReviewDecisionKind.Approve, string.Empty), None);
        await t.Queue.LeaseAsync("q", "w2", 1, TimeSpan.FromMinutes(5), None);
        await t.Queue.CompleteAsync(item.Id, "w2", "case note written", None);

        var trail = await t.Queue.GetAuditTrailAsync(item.Id, None);

        Assert.Equal(
            [
                ("test", (WorkItemState?)null, WorkItemState.New),
                ("worker:w1", WorkItemState.New, WorkItemState.InProgress),
                ("worker:w1", WorkItemState.InProgress, WorkItemState.NeedsReview),
                ("reviewer:alice", WorkItemState.NeedsReview, WorkItemState.NeedsReview),
                ("reviewer:sue", WorkItemState.NeedsReview, WorkItemState.New),
                ("worker:w2", WorkItemState.New, WorkItemState.InProgress),
                ("worker:w2", WorkItemState.InProgress, WorkItemState.Completed),
            ],
            trail.Select(e => (e.Actor, e.From, e.To)));
        Assert.All(trail, e => Assert.False(string.IsNullOrWhiteSpace(e.Reason)));
        Assert.All(trail, e => Assert.Equal("REF-1", e.Reference));
        Assert.Equal(trail.Select(e => e.Id).Order(), trail.Select(e => e.Id));
        Assert.Equal("escalated: unsure", trail[3].Reason);
        Assert.Equal("approved", trail[4].Reason);
    }

    [Fact]
    public async Task CancelAsync_ItemInReview_TaskNoLongerListed()
    {
        await using var t = await CreateStoreAsync();
        var item = await InReviewAsync(t, "REF-1");

        await t.Queue.CancelAsync("REF-1", "cli:admin", "withdrawn by sender", None);

        Assert.Null(await t.Reviews.GetAsync(item.Id, None));
        Assert.Empty(await t.Reviews.ListAsync(All, None));
    }
}
