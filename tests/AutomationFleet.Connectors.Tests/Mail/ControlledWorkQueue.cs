using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Connectors.Tests.Mail;

/// <summary>
/// A real queue with hooks around <see cref="EnqueueAsync"/>, to fail before an enqueue or to stop the
/// source after one (a crash between enqueue and move).
/// </summary>
public sealed class ControlledWorkQueue(IWorkQueue inner) : IWorkQueue
{
    public Func<NewWorkItem, CancellationToken, Task>? BeforeEnqueue { get; init; }

    public Func<EnqueueResult, CancellationToken, Task>? AfterEnqueue { get; init; }

    public async Task<EnqueueResult> EnqueueAsync(NewWorkItem item, string actor, CancellationToken cancellationToken)
    {
        if (BeforeEnqueue is not null)
        {
            await BeforeEnqueue(item, cancellationToken);
        }

        var result = await inner.EnqueueAsync(item, actor, cancellationToken);
        if (AfterEnqueue is not null)
        {
            await AfterEnqueue(result, cancellationToken);
        }

        return result;
    }

    public Task<IReadOnlyList<WorkItem>> LeaseAsync(string queue, string workerId, int maxItems, TimeSpan leaseDuration, CancellationToken cancellationToken) =>
        inner.LeaseAsync(queue, workerId, maxItems, leaseDuration, cancellationToken);

    public Task<IReadOnlyList<long>> RenewLeasesAsync(IReadOnlyCollection<long> itemIds, string workerId, TimeSpan leaseDuration, CancellationToken cancellationToken) =>
        inner.RenewLeasesAsync(itemIds, workerId, leaseDuration, cancellationToken);

    public Task RecordOutcomeAsync(long itemId, string workerId, ItemOutcome outcome, CancellationToken cancellationToken) =>
        inner.RecordOutcomeAsync(itemId, workerId, outcome, cancellationToken);

    public Task CompleteAsync(long itemId, string workerId, string reason, CancellationToken cancellationToken) =>
        inner.CompleteAsync(itemId, workerId, reason, cancellationToken);

    public Task SendToReviewAsync(long itemId, string workerId, ReviewRequest request, CancellationToken cancellationToken) =>
        inner.SendToReviewAsync(itemId, workerId, request, cancellationToken);

    public Task FailBusinessAsync(long itemId, string workerId, string reason, CancellationToken cancellationToken) =>
        inner.FailBusinessAsync(itemId, workerId, reason, cancellationToken);

    public Task<WorkItemState> FailSystemAsync(long itemId, string workerId, string error, RetryPolicy policy, CancellationToken cancellationToken) =>
        inner.FailSystemAsync(itemId, workerId, error, policy, cancellationToken);

    public Task ReleaseAsync(long itemId, string workerId, string reason, CancellationToken cancellationToken) =>
        inner.ReleaseAsync(itemId, workerId, reason, cancellationToken);

    public Task<WorkItem> ReplayAsync(string reference, string actor, string reason, CancellationToken cancellationToken) =>
        inner.ReplayAsync(reference, actor, reason, cancellationToken);

    public Task<WorkItem> CancelAsync(string reference, string actor, string reason, CancellationToken cancellationToken) =>
        inner.CancelAsync(reference, actor, reason, cancellationToken);

    public Task<WorkItem?> FindAsync(string reference, CancellationToken cancellationToken) => inner.FindAsync(reference, cancellationToken);

    public Task<IReadOnlyList<WorkItem>> ListAsync(WorkItemState state, string? queue, int limit, CancellationToken cancellationToken) =>
        inner.ListAsync(state, queue, limit, cancellationToken);

    public Task<IReadOnlyList<QueueDepth>> GetDepthAsync(CancellationToken cancellationToken) => inner.GetDepthAsync(cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(long itemId, CancellationToken cancellationToken) =>
        inner.GetAuditTrailAsync(itemId, cancellationToken);
}
