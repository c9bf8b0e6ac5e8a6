using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Core.Tests.WorkItems;

public sealed class WorkItemStateMachineTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly RetryPolicy Policy = new(3, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5));

    private static WorkItem Item(WorkItemState state, int attempts = 0, string? owner = null, DateTimeOffset? leaseExpires = null, DateTimeOffset? next = null) =>
        new(1, "q", "ref-1", "{}", [], 0, null, state, attempts, owner, leaseExpires, next, null, null, null, null, Now, Now);

    [Theory]
    [InlineData(WorkItemState.Completed)]
    [InlineData(WorkItemState.NeedsReview)]
    [InlineData(WorkItemState.BusinessException)]
    [InlineData(WorkItemState.DeadLettered)]
    [InlineData(WorkItemState.Cancelled)]
    public void IsLeasable_StateNeverLeased_False(WorkItemState state) =>
        Assert.False(WorkItemStateMachine.IsLeasable(state, Now.AddDays(-1), Now.AddDays(-1), Now));

    [Fact]
    public void IsLeasable_New_True() => Assert.True(WorkItemStateMachine.IsLeasable(WorkItemState.New, null, null, Now));

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void IsLeasable_Retrying_OnlyOnceBackOffHasPassed(int secondsFromNow, bool leasable) =>
        Assert.Equal(leasable, WorkItemStateMachine.IsLeasable(WorkItemState.Retrying, Now.AddSeconds(secondsFromNow), null, Now));

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void IsLeasable_InProgress_OnlyOnceLeaseHasExpired(int secondsFromNow, bool leasable) =>
        Assert.Equal(leasable, WorkItemStateMachine.IsLeasable(WorkItemState.InProgress, null, Now.AddSeconds(secondsFromNow), Now));

    [Fact]
    public void Lease_NewItem_CountsAnAttempt()
    {
        var change = WorkItemStateMachine.Lease(Item(WorkItemState.New), "w1", Now);

        Assert.Equal(new WorkItemChange(WorkItemState.New, WorkItemState.InProgress, 1, "attempt 1 leased by w1"), change);
    }

    [Fact]
    public void Lease_RetryingItemDue_SaysRetry()
    {
        var change = WorkItemStateMachine.Lease(Item(WorkItemState.Retrying, attempts: 2, next: Now), "w1", Now);

        Assert.Equal(3, change.Attempts);
        Assert.Equal("retry: attempt 3 leased by w1", change.Reason);
    }

    [Fact]
    public void Lease_ExpiredLease_NamesBothWorkers()
    {
        var change = WorkItemStateMachine.Lease(Item(WorkItemState.InProgress, 1, "w1", Now.AddSeconds(-1)), "w2", Now);

        Assert.Equal(WorkItemState.InProgress, change.From);
        Assert.Equal(2, change.Attempts);
        Assert.Equal("lease of w1 expired; taken by w2", change.Reason);
    }

    [Fact]
    public void Lease_LiveLease_Throws() =>
        Assert.Throws<InvalidStateTransitionException>(
            () => WorkItemStateMachine.Lease(Item(WorkItemState.InProgress, 1, "w1", Now.AddMinutes(1)), "w2", Now));

    [Fact]
    public void IsHeldBy_ExpiredLeaseNobodyTook_StillHeld() =>
        Assert.True(WorkItemStateMachine.IsHeldBy(WorkItemState.InProgress, "w1", "w1"));

    [Theory]
    [InlineData(WorkItemState.InProgress, "w2")]
    [InlineData(WorkItemState.InProgress, "W1")]
    [InlineData(WorkItemState.Retrying, "w1")]
    [InlineData(WorkItemState.New, null)]
    public void EnsureHeldBy_OtherOwnerOrNotInProgress_ThrowsLeaseLost(WorkItemState state, string? owner) =>
        Assert.Throws<LeaseLostException>(() => WorkItemStateMachine.EnsureHeldBy(7, state, owner, "w1"));

    [Fact]
    public void FailSystem_AttemptsLeft_RetryingAfterBackOff()
    {
        var change = WorkItemStateMachine.FailSystem("ref-1", WorkItemState.InProgress, 1, "boom", Policy, Now, jitter: 0);

        Assert.Equal(WorkItemState.Retrying, change.To);
        Assert.Equal(Now.AddSeconds(5), change.NextAttemptAt);
        Assert.Equal($"system fault on attempt 1 of 3, retry after {Now.AddSeconds(5):O}: boom", change.Reason);
    }

    [Fact]
    public void FailSystem_LastAttempt_DeadLetteredWithReason()
    {
        var change = WorkItemStateMachine.FailSystem("ref-1", WorkItemState.InProgress, 3, "boom", Policy, Now, jitter: 0.5);

        Assert.Equal(WorkItemState.DeadLettered, change.To);
        Assert.Null(change.NextAttemptAt);
        Assert.Equal(3, change.Attempts);
        Assert.Equal("system fault on attempt 3 of 3, attempts exhausted: boom", change.Reason);
    }

    [Fact]
    public void FailSystem_NoAttemptCounted_TreatedAsFirst()
    {
        var change = WorkItemStateMachine.FailSystem("ref-1", WorkItemState.InProgress, 0, "boom", Policy, Now, jitter: 0);

        Assert.Equal(WorkItemState.Retrying, change.To);
        Assert.StartsWith("system fault on attempt 1 of 3", change.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FailSystem_FractionalDelay_RoundedUpToTheMillisecond()
    {
        var policy = new RetryPolicy(3, TimeSpan.FromTicks(15_005), TimeSpan.FromMinutes(1));

        var change = WorkItemStateMachine.FailSystem("ref-1", WorkItemState.InProgress, 1, "boom", policy, Now, jitter: 1);

        Assert.Equal(Now.AddMilliseconds(2), change.NextAttemptAt);
    }

    [Fact]
    public void FailSystem_NotInProgress_Throws() =>
        Assert.Throws<InvalidStateTransitionException>(
            () => WorkItemStateMachine.FailSystem("ref-1", WorkItemState.Completed, 1, "boom", Policy, Now, 0));

    [Theory]
    [InlineData(2, 1)]
    [InlineData(1, 0)]
    [InlineData(0, 0)]
    public void Release_GivesTheAttemptBack(int attempts, int after)
    {
        var change = WorkItemStateMachine.Release("ref-1", WorkItemState.InProgress, attempts, reason: " ");

        Assert.Equal(after, change.Attempts);
        Assert.Equal(WorkItemState.New, change.To);
        Assert.Equal("released", change.Reason);
    }

    [Fact]
    public void Complete_BlankReason_SaysCompleted() =>
        Assert.Equal("completed", WorkItemStateMachine.Complete("ref-1", WorkItemState.InProgress, 1, null).Reason);

    [Fact]
    public void SendToReview_BotReasons_JoinedAsTheReason()
    {
        Assert.Equal("a; b", WorkItemStateMachine.SendToReview("ref-1", WorkItemState.InProgress, 1, ["a", "b"]).Reason);
        Assert.Equal("sent to review", WorkItemStateMachine.SendToReview("ref-1", WorkItemState.InProgress, 1, []).Reason);
    }

    [Fact]
    public void FailBusiness_NoReason_Throws() =>
        Assert.Throws<ArgumentException>(() => WorkItemStateMachine.FailBusiness("ref-1", WorkItemState.InProgress, 1, " "));

    [Fact]
    public void Replay_DeadLetter_NewWithAttemptsReset()
    {
        var change = WorkItemStateMachine.Replay("ref-1", WorkItemState.DeadLettered, "fixed the mail server");

        Assert.Equal(new WorkItemChange(WorkItemState.DeadLettered, WorkItemState.New, 0, "fixed the mail server"), change);
    }

    [Theory]
    [InlineData(WorkItemState.InProgress)]
    [InlineData(WorkItemState.NeedsReview)]
    [InlineData(WorkItemState.Completed)]
    [InlineData(WorkItemState.New)]
    public void Replay_AnythingButADeadLetter_Throws(WorkItemState state) =>
        Assert.Throws<InvalidStateTransitionException>(() => WorkItemStateMachine.Replay("ref-1", state, null));

    [Theory]
    [InlineData(WorkItemState.New)]
    [InlineData(WorkItemState.Retrying)]
    [InlineData(WorkItemState.NeedsReview)]
    [InlineData(WorkItemState.DeadLettered)]
    public void Cancel_NotHeldNotFinal_CancelledWithTheReason(WorkItemState state)
    {
        var change = WorkItemStateMachine.Cancel(Item(state, attempts: 2), "  sent twice  ", Now);

        Assert.Equal(new WorkItemChange(state, WorkItemState.Cancelled, 2, "sent twice"), change);
    }

    [Theory]
    [InlineData(WorkItemState.Completed)]
    [InlineData(WorkItemState.BusinessException)]
    [InlineData(WorkItemState.Cancelled)]
    public void Cancel_Terminal_Throws(WorkItemState state) =>
        Assert.Throws<InvalidStateTransitionException>(() => WorkItemStateMachine.Cancel(Item(state), "no", Now));

    [Fact]
    public void Cancel_InProgressUnderLiveLease_ThrowsWorkItemHeld()
    {
        var error = Assert.Throws<WorkItemHeldException>(
            () => WorkItemStateMachine.Cancel(Item(WorkItemState.InProgress, 1, "w1", Now.AddSeconds(1)), "no", Now));

        Assert.Equal("w1", error.Worker);
        Assert.Equal("ref-1", error.Reference);
    }

    [Fact]
    public void Cancel_InProgressLeaseExpired_CancelledNamingTheLapsedWorker()
    {
        var change = WorkItemStateMachine.Cancel(Item(WorkItemState.InProgress, 1, "w1", Now), "withdrawn", Now);

        Assert.Equal(WorkItemState.Cancelled, change.To);
        Assert.Equal("withdrawn (lease of w1 had expired)", change.Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Cancel_NoReason_Throws(string reason) =>
        Assert.ThrowsAny<ArgumentException>(() => WorkItemStateMachine.Cancel(Item(WorkItemState.New), reason, Now));

    [Fact]
    public void Enqueue_NewWithNoFromState() =>
        Assert.Equal(new WorkItemChange(null, WorkItemState.New, 0, "enqueued on q"), WorkItemStateMachine.Enqueue("q"));
}
