using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Review;

namespace AutomationFleet.Core.WorkItems;

/// <summary>
/// The durable work queue. Every state change runs in one transaction with its audit entry.
/// Times (lease expiry, back-off, timestamps) come from the store's clock, never the caller's,
/// so workers on different machines agree. Methods taking a <c>workerId</c> act only while that
/// worker holds the item's lease and throw <see cref="LeaseLostException"/> otherwise.
/// </summary>
public interface IWorkQueue
{
    /// <summary>Adds an item, or returns the existing one if its reference is already known.</summary>
    Task<EnqueueResult> EnqueueAsync(NewWorkItem item, string actor, CancellationToken cancellationToken);

    /// <summary>
    /// Takes up to <paramref name="maxItems"/> items from <paramref name="queue"/> under a lease:
    /// New items, Retrying items whose back-off has passed, and InProgress items whose lease expired.
    /// Order: priority (high first), then due date (earliest first, none last), then age.
    /// Each taken item's attempt count goes up by one.
    /// </summary>
    Task<IReadOnlyList<WorkItem>> LeaseAsync(
        string queue, string workerId, int maxItems, TimeSpan leaseDuration, CancellationToken cancellationToken);

    /// <summary>Extends the leases this worker still holds; returns the ids it no longer holds.</summary>
    Task<IReadOnlyList<long>> RenewLeasesAsync(
        IReadOnlyCollection<long> itemIds, string workerId, TimeSpan leaseDuration, CancellationToken cancellationToken);

    /// <summary>Persists the decided outcome before delivery, so a redo delivers it rather than deciding again.</summary>
    Task RecordOutcomeAsync(long itemId, string workerId, ItemOutcome outcome, CancellationToken cancellationToken);

    /// <summary>InProgress → Completed.</summary>
    Task CompleteAsync(long itemId, string workerId, string reason, CancellationToken cancellationToken);

    /// <summary>InProgress → NeedsReview, opening a review task with the bot's proposal and evidence.</summary>
    Task SendToReviewAsync(long itemId, string workerId, ReviewRequest request, CancellationToken cancellationToken);

    /// <summary>InProgress → BusinessException: a rule said no. Never retried.</summary>
    Task FailBusinessAsync(long itemId, string workerId, string reason, CancellationToken cancellationToken);

    /// <summary>
    /// InProgress → Retrying (after a back-off from <paramref name="policy"/>) or DeadLettered
    /// when attempts are exhausted. Returns the new state.
    /// </summary>
    Task<WorkItemState> FailSystemAsync(
        long itemId, string workerId, string error, RetryPolicy policy, CancellationToken cancellationToken);

    /// <summary>InProgress → New without counting the attempt: the worker is shutting down.</summary>
    Task ReleaseAsync(long itemId, string workerId, string reason, CancellationToken cancellationToken);

    /// <summary>DeadLettered → New with the attempt count reset.</summary>
    Task<WorkItem> ReplayAsync(string reference, string actor, string reason, CancellationToken cancellationToken);

    /// <summary>Any non-terminal state → Cancelled.</summary>
    Task<WorkItem> CancelAsync(string reference, string actor, string reason, CancellationToken cancellationToken);

    /// <summary>The item under a reference, or null.</summary>
    Task<WorkItem?> FindAsync(string reference, CancellationToken cancellationToken);

    /// <summary>Items in one state, optionally of one queue, oldest first.</summary>
    Task<IReadOnlyList<WorkItem>> ListAsync(
        WorkItemState state, string? queue, int limit, CancellationToken cancellationToken);

    /// <summary>Item counts per queue and state.</summary>
    Task<IReadOnlyList<QueueDepth>> GetDepthAsync(CancellationToken cancellationToken);

    /// <summary>Every state change of one item, oldest first.</summary>
    Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(long itemId, CancellationToken cancellationToken);
}
