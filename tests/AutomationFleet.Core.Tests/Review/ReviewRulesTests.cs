using AutomationFleet.Core.Review;
using AutomationFleet.Core.Users;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Core.Tests.Review;

public sealed class ReviewRulesTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static ReviewTask Task(bool escalated = false, string? claimedBy = null, string? service = null) =>
        new(1, "ref-1", "forms", new ReviewRequest("bot", "cat", "{\"a\":1}", 0.5, "{}", [], false, service),
            escalated, claimedBy, claimedBy is null ? null : Now.AddMinutes(5), null, Now);

    private static UserAccount Account(string name, UserRole role, bool disabled = false, string[]? queues = null, string[]? services = null) =>
        new(name, "hash", role, disabled, 0, null, queues ?? [], Now) { Services = services ?? [] };

    [Theory]
    [InlineData(UserRole.Reviewer, false, false)]
    [InlineData(UserRole.Supervisor, false, true)]
    [InlineData(UserRole.Administrator, false, true)]
    [InlineData(UserRole.Supervisor, true, false)]
    public void MaySupervise_EnabledSupervisorOrAdministrator(UserRole role, bool disabled, bool expected) =>
        Assert.Equal(expected, ReviewRules.MaySupervise(Account("a", role, disabled)));

    [Fact]
    public void MaySupervise_NoAccount_False() => Assert.False(ReviewRules.MaySupervise(null));

    [Fact]
    public void RequireSupervisor_Reviewer_ThrowsAccess() =>
        Assert.Throws<ReviewAccessException>(() => ReviewRules.RequireSupervisor(Account("ann", UserRole.Reviewer), "ann"));

    [Fact]
    public void RequireSupervisor_Supervisor_StoredName() =>
        Assert.Equal("Sue", ReviewRules.RequireSupervisor(Account("Sue", UserRole.Supervisor), "sue"));

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public void IsClaimLive_OnlyBeforeExpiry(int seconds, bool live) =>
        Assert.Equal(live, ReviewRules.IsClaimLive(Now.AddSeconds(seconds), Now));

    [Fact]
    public void EnsureMayClaim_EscalatedByReviewer_ThrowsAccess() =>
        Assert.Throws<ReviewAccessException>(() => ReviewRules.EnsureMayClaim(Task(escalated: true), "ann", reviewerSupervises: false));

    [Fact]
    public void EnsureMayClaim_EscalatedBySupervisor_Allowed() =>
        ReviewRules.EnsureMayClaim(Task(escalated: true), "sue", reviewerSupervises: true);

    [Fact]
    public void EnsureMayClaim_HeldBySomeoneElse_ThrowsClaim() =>
        Assert.Throws<ReviewClaimException>(() => ReviewRules.EnsureMayClaim(Task(claimedBy: "bob"), "ann", reviewerSupervises: true));

    [Fact]
    public void EnsureMayClaim_OwnClaim_Allowed() => ReviewRules.EnsureMayClaim(Task(claimedBy: "ann"), "ann", reviewerSupervises: false);

    [Fact]
    public void ClaimableBy_Reviewer_LeavesOutEscalated()
    {
        Assert.False(ReviewRules.ClaimableBy(new ReviewFilter(), reviewerSupervises: false).Escalated);
        Assert.Null(ReviewRules.ClaimableBy(new ReviewFilter(), reviewerSupervises: true).Escalated);
    }

    [Theory]
    [InlineData(ReviewDecisionKind.Correct, "")]
    [InlineData(ReviewDecisionKind.Reject, " ")]
    [InlineData(ReviewDecisionKind.Escalate, "")]
    public void ValidateDecision_NoReason_Throws(ReviewDecisionKind kind, string reason) =>
        Assert.Throws<ArgumentException>(() => ReviewRules.ValidateDecision(new ReviewDecision(kind, reason, "{}")));

    [Fact]
    public void ValidateDecision_CorrectionWithoutOutcome_Throws() =>
        Assert.Throws<ArgumentException>(() => ReviewRules.ValidateDecision(new ReviewDecision(ReviewDecisionKind.Correct, "wrong")));

    [Fact]
    public void ValidateDecision_UnknownKind_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ReviewRules.ValidateDecision(new ReviewDecision((ReviewDecisionKind)99, "why")));

    [Fact]
    public void EnsureMayDecide_ExpiredClaim_ThrowsClaim() =>
        Assert.Throws<ReviewClaimException>(
            () => ReviewRules.EnsureMayDecide("ref-1", false, "ann", Now, "ann", reviewerSupervises: false, Now));

    [Fact]
    public void EnsureMayDecide_SomeoneElsesClaim_ThrowsClaim() =>
        Assert.Throws<ReviewClaimException>(
            () => ReviewRules.EnsureMayDecide("ref-1", false, "bob", Now.AddMinutes(1), "ann", reviewerSupervises: false, Now));

    [Fact]
    public void EnsureMayDecide_EscalatedReviewerWithClaim_ThrowsAccess() =>
        Assert.Throws<ReviewAccessException>(
            () => ReviewRules.EnsureMayDecide("ref-1", true, "ann", Now.AddMinutes(1), "ann", reviewerSupervises: false, Now));

    [Fact]
    public void Resolve_Approve_DeliversTheProposal()
    {
        var resolution = ReviewRules.Resolve("ref-1", WorkItemState.NeedsReview, "{\"a\":1}", "cat", new ReviewDecision(ReviewDecisionKind.Approve, ""));

        Assert.Equal(WorkItemState.New, resolution.To);
        Assert.Equal("{\"a\":1}", resolution.OutcomeJson);
        Assert.Equal("approved", resolution.Reason);
        Assert.True(resolution.ClosesTask);
        Assert.False(resolution.KeepsExample);
    }

    [Fact]
    public void Resolve_ApproveWithReason_ReasonAppended() =>
        Assert.Equal(
            "approved: looks right",
            ReviewRules.Resolve("ref-1", WorkItemState.NeedsReview, "{}", null, new ReviewDecision(ReviewDecisionKind.Approve, "looks right")).Reason);

    [Fact]
    public void Resolve_ApproveWithoutProposal_Throws() =>
        Assert.Throws<ArgumentException>(
            () => ReviewRules.Resolve("ref-1", WorkItemState.NeedsReview, null, null, new ReviewDecision(ReviewDecisionKind.Approve, "")));

    [Fact]
    public void Resolve_CorrectWithoutCategory_KeepsTheProposedCategory()
    {
        var resolution = ReviewRules.Resolve(
            "ref-1", WorkItemState.NeedsReview, "{}", "cat", new ReviewDecision(ReviewDecisionKind.Correct, "wrong team", "{\"b\":2}"));

        Assert.Equal(WorkItemState.New, resolution.To);
        Assert.Equal("{\"b\":2}", resolution.OutcomeJson);
        Assert.Equal("cat", resolution.CorrectedCategory);
        Assert.Equal("corrected: wrong team", resolution.Reason);
        Assert.True(resolution.KeepsExample);
    }

    [Fact]
    public void Resolve_Reject_BusinessException()
    {
        var resolution = ReviewRules.Resolve("ref-1", WorkItemState.NeedsReview, "{}", null, new ReviewDecision(ReviewDecisionKind.Reject, "spam"));

        Assert.Equal((WorkItemState.BusinessException, "rejected: spam"), (resolution.To, resolution.Reason));
        Assert.Null(resolution.OutcomeJson);
    }

    [Fact]
    public void Resolve_Escalate_StaysInReviewTaskOpen()
    {
        var resolution = ReviewRules.Resolve("ref-1", WorkItemState.NeedsReview, "{}", null, new ReviewDecision(ReviewDecisionKind.Escalate, "unsure"));

        Assert.Equal((WorkItemState.NeedsReview, "escalated: unsure"), (resolution.To, resolution.Reason));
        Assert.False(resolution.ClosesTask);
    }

    [Fact]
    public void Resolve_ItemNotInReview_Throws() =>
        Assert.Throws<InvalidStateTransitionException>(
            () => ReviewRules.Resolve("ref-1", WorkItemState.Completed, "{}", null, new ReviewDecision(ReviewDecisionKind.Reject, "spam")));

    [Fact]
    public void EnsureMayReassign_NoOrDisabledAccount_ThrowsAccess()
    {
        Assert.Throws<ReviewAccessException>(() => ReviewRules.EnsureMayReassign(Task(), null, "ghost"));
        Assert.Throws<ReviewAccessException>(() => ReviewRules.EnsureMayReassign(Task(), Account("ann", UserRole.Reviewer, disabled: true, queues: ["forms"]), "ann"));
    }

    [Fact]
    public void EnsureMayReassign_ReviewerWithoutGrant_ThrowsAccess() =>
        Assert.Throws<ReviewAccessException>(() => ReviewRules.EnsureMayReassign(Task(), Account("ann", UserRole.Reviewer, queues: ["post"]), "ann"));

    [Fact]
    public void EnsureMayReassign_ReviewerGrantedTheService_StoredName() =>
        Assert.Equal("Ann", ReviewRules.EnsureMayReassign(Task(service: "blue-badge"), Account("Ann", UserRole.Reviewer, services: ["blue-badge"]), "ann"));

    [Fact]
    public void EnsureMayReassign_EscalatedToReviewer_ThrowsAccess() =>
        Assert.Throws<ReviewAccessException>(
            () => ReviewRules.EnsureMayReassign(Task(escalated: true), Account("ann", UserRole.Reviewer, queues: ["forms"]), "ann"));

    [Fact]
    public void EnsureMayReassign_EscalatedToSupervisor_Allowed() =>
        Assert.Equal("sue", ReviewRules.EnsureMayReassign(Task(escalated: true), Account("sue", UserRole.Supervisor), "sue"));

    [Fact]
    public void RequireClaimHolder_Unclaimed_ThrowsClaim() =>
        Assert.Throws<ReviewClaimException>(() => ReviewRules.RequireClaimHolder(Task()));

    [Fact]
    public void Reassigned_NoPreviousHolder_SaysNoOne()
    {
        Assert.EndsWith("held by no one)", ReviewRules.ReassignedReason("ann", Now, null), StringComparison.Ordinal);
        var audit = ReviewRules.ReassignedEvent("sue", "ref-1", "ann", "bob");
        Assert.Equal(new SecurityEvent("sue", "review-reassigned", "ref-1", "to ann; held by bob"), audit);
    }
}
