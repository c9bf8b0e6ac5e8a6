using System.Globalization;

namespace AutomationFleet.Core.WorkItems;

/// <summary>
/// Every decision about a work item's life that a store must not make itself: which items may be leased and who holds
/// one, how attempts are counted, retry or dead-letter after a system fault, what may be replayed, and the audit reason
/// of each change. Each method checks the move against <see cref="WorkItemTransitions"/> and returns the
/// <see cref="WorkItemChange"/> to persist; a store calls it inside the transaction that writes the change, with the
/// item as it reads it there. Pure: no clock, no randomness (the caller passes <c>now</c> and the jitter).
/// </summary>
public static class WorkItemStateMachine
{
    /// <summary>
    /// Whether an item may be leased at <paramref name="now"/>: New; Retrying once its back-off has passed; InProgress
    /// once its lease has expired (a crashed worker's item). A store's lease query selects exactly these.
    /// </summary>
    public static bool IsLeasable(WorkItemState state, DateTimeOffset? nextAttemptAt, DateTimeOffset? leaseExpiresAt, DateTimeOffset now) =>
        state switch
        {
            WorkItemState.New => true,
            WorkItemState.Retrying => nextAttemptAt is { } next && next <= now,
            WorkItemState.InProgress => leaseExpiresAt is { } expires && expires <= now,
            _ => false,
        };

    /// <summary>
    /// Whether <paramref name="workerId"/> holds the item: it is InProgress under that worker's name. An expired lease
    /// nobody else has taken still counts: the lease is a visibility timeout, and ownership passes only when another
    /// worker leases the item (refusing the late result would only force a redo).
    /// </summary>
    public static bool IsHeldBy(WorkItemState state, string? leaseOwner, string workerId) =>
        state == WorkItemState.InProgress && string.Equals(leaseOwner, workerId, StringComparison.Ordinal);

    /// <summary>Throws <see cref="LeaseLostException"/> unless <see cref="IsHeldBy"/>.</summary>
    public static void EnsureHeldBy(long itemId, WorkItemState state, string? leaseOwner, string workerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        if (!IsHeldBy(state, leaseOwner, workerId))
        {
            throw new LeaseLostException(itemId, workerId);
        }
    }

    /// <summary>A new item: → New, no attempts.</summary>
    public static WorkItemChange Enqueue(string queue) => new(null, WorkItemState.New, 0, $"enqueued on {queue}");

    /// <summary>
    /// A worker takes the item: → InProgress, one more attempt. Throws <see cref="InvalidStateTransitionException"/>
    /// if the item is not leasable at <paramref name="now"/>.
    /// </summary>
    public static WorkItemChange Lease(WorkItem item, string workerId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        if (!IsLeasable(item.State, item.NextAttemptAt, item.LeaseExpiresAt, now))
        {
            throw new InvalidStateTransitionException(item.Reference, item.State, WorkItemState.InProgress);
        }

        WorkItemTransitions.EnsureAllowed(item.Reference, item.State, WorkItemState.InProgress);
        var attempt = item.Attempts + 1;
        var reason = item.State switch
        {
            WorkItemState.InProgress => $"lease of {item.LeaseOwner} expired; taken by {workerId}",
            WorkItemState.Retrying => $"retry: attempt {attempt} leased by {workerId}",
            _ => $"attempt {attempt} leased by {workerId}",
        };
        return new WorkItemChange(item.State, WorkItemState.InProgress, attempt, reason);
    }

    /// <summary>InProgress → Completed.</summary>
    public static WorkItemChange Complete(string reference, WorkItemState from, int attempts, string? reason) =>
        Move(reference, from, WorkItemState.Completed, attempts, ReasonOr(reason, "completed"));

    /// <summary>InProgress → NeedsReview; the reason is the bot's reasons, or "sent to review".</summary>
    public static WorkItemChange SendToReview(string reference, WorkItemState from, int attempts, IReadOnlyList<string>? reasons) =>
        Move(reference, from, WorkItemState.NeedsReview, attempts, reasons is { Count: > 0 } ? string.Join("; ", reasons) : "sent to review");

    /// <summary>InProgress → BusinessException: a rule said no; never retried. A reason is required.</summary>
    public static WorkItemChange FailBusiness(string reference, WorkItemState from, int attempts, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return Move(reference, from, WorkItemState.BusinessException, attempts, reason);
    }

    /// <summary>
    /// A system fault on the attempt the item is on: dead-lettered when <paramref name="policy"/> says the attempts are
    /// exhausted, otherwise Retrying after the policy's back-off from <paramref name="now"/> (rounded up to the
    /// millisecond). An item that somehow has no attempt counted is treated as on its first.
    /// </summary>
    /// <param name="reference">The item's reference.</param>
    /// <param name="from">Its state (InProgress).</param>
    /// <param name="attempts">Attempts made, the failed one included.</param>
    /// <param name="error">What went wrong, for the audit row.</param>
    /// <param name="policy">When to give up and how long to wait.</param>
    /// <param name="now">The store's clock, read in the transaction.</param>
    /// <param name="jitter">A value in [0, 1) for the back-off (see <see cref="RetryPolicy.DelayAfter"/>).</param>
    public static WorkItemChange FailSystem(
        string reference, WorkItemState from, int attempts, string error, RetryPolicy policy, DateTimeOffset now, double jitter)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        var attempt = Math.Max(attempts, 1);
        if (policy.IsExhausted(attempt))
        {
            return Move(
                reference, from, WorkItemState.DeadLettered, attempts,
                $"system fault on attempt {attempt} of {policy.MaxAttempts}, attempts exhausted: {error}");
        }

        var delay = TimeSpan.FromMilliseconds(Math.Ceiling(policy.DelayAfter(attempt, jitter).TotalMilliseconds));
        var next = now + delay;
        var at = next.ToString("O", CultureInfo.InvariantCulture);
        return Move(
            reference, from, WorkItemState.Retrying, attempts,
            $"system fault on attempt {attempt} of {policy.MaxAttempts}, retry after {at}: {error}") with { NextAttemptAt = next };
    }

    /// <summary>InProgress → New without counting the attempt: the worker is shutting down.</summary>
    public static WorkItemChange Release(string reference, WorkItemState from, int attempts, string? reason) =>
        Move(reference, from, WorkItemState.New, Math.Max(attempts - 1, 0), ReasonOr(reason, "released"));

    /// <summary>DeadLettered → New with the attempt count reset (<see cref="ReplayPolicy"/>).</summary>
    public static WorkItemChange Replay(string reference, WorkItemState from, string? reason)
    {
        ReplayPolicy.EnsureReplayable(reference, from);
        return new WorkItemChange(from, WorkItemState.New, 0, ReasonOr(reason, "replayed"));
    }

    /// <summary>
    /// A person withdraws the item: → Cancelled, final; its payload, documents and trail are kept, an open review task
    /// is closed with it. Allowed from New, Retrying, NeedsReview and DeadLettered; from InProgress only once the lease
    /// has expired (<paramref name="now"/> past it), since a worker under a live lease may be in the middle of a side
    /// effect: <see cref="WorkItemHeldException"/>. A late worker then gets <see cref="LeaseLostException"/>, as when
    /// another worker takes an expired lease. Terminal states throw <see cref="InvalidStateTransitionException"/>.
    /// A reason is required.
    /// </summary>
    public static WorkItemChange Cancel(WorkItem item, string reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (item.State == WorkItemState.InProgress && item.LeaseExpiresAt is { } expires && expires > now)
        {
            throw new WorkItemHeldException(item.Reference, item.LeaseOwner ?? "a worker", expires);
        }

        var why = item.State == WorkItemState.InProgress
            ? $"{reason.Trim()} (lease of {item.LeaseOwner} had expired)"
            : reason.Trim();
        return Move(item.Reference, item.State, WorkItemState.Cancelled, item.Attempts, why);
    }

    /// <summary>The security-audit row of a cancellation (the item's own trail has the state change).</summary>
    public static Users.SecurityEvent CancelledEvent(string actor, string reference, WorkItemState from, string reason) =>
        new(actor, Audit.AuditActions.ItemCancelled, reference, $"from {from}; reason: {reason.Trim()}");

    private static WorkItemChange Move(string reference, WorkItemState from, WorkItemState to, int attempts, string reason)
    {
        WorkItemTransitions.EnsureAllowed(reference, from, to);
        return new WorkItemChange(from, to, attempts, reason);
    }

    private static string ReasonOr(string? reason, string fallback) => string.IsNullOrWhiteSpace(reason) ? fallback : reason;
}
