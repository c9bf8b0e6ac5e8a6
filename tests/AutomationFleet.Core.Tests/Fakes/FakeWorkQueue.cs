using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Core.Tests.Fakes;

/// <summary>An in-memory queue that keeps items and records what the runner asked of it.</summary>
internal sealed class FakeWorkQueue : IWorkQueue
{
    private readonly Dictionary<long, WorkItem> _items = [];
    private readonly List<AuditEntry> _audit = [];
    private long _nextId = 1;

    public List<string> Calls { get; } = [];

    public Dictionary<long, ReviewRequest> Reviews { get; } = [];

    public string? LostLeaseOn { get; set; }

    public WorkItem Add(string reference, string? outcomeJson = null, string? decidedBy = null, string queue = "q")
    {
        var now = DateTimeOffset.UnixEpoch;
        var item = new WorkItem(
            _nextId++, queue, reference, "{}", [], 0, null, WorkItemState.InProgress, 1, "w1", now, null,
            outcomeJson, outcomeJson is null ? null : 1, decidedBy, null, now, now);
        _items[item.Id] = item;
        return item;
    }

    public WorkItem Get(long id) => _items[id];

    public void AddAudit(long itemId, WorkItemState from, WorkItemState to, DateTimeOffset at) =>
        _audit.Add(new AuditEntry(_audit.Count + 1, itemId, _items[itemId].Reference, at, "reviewer:ann", from, to, "approved"));

    public Task<EnqueueResult> EnqueueAsync(NewWorkItem item, string actor, CancellationToken cancellationToken)
    {
        Calls.Add($"Enqueue {item.Reference}");
        var existing = _items.Values.FirstOrDefault(i => i.Reference == item.Reference);
        if (existing is not null)
        {
            return Task.FromResult(new EnqueueResult(existing, false));
        }

        var added = Add(item.Reference, queue: item.Queue) with { State = WorkItemState.New, PayloadJson = item.PayloadJson };
        _items[added.Id] = added;
        return Task.FromResult(new EnqueueResult(added, true));
    }

    public Task RecordOutcomeAsync(long itemId, string workerId, ItemOutcome outcome, CancellationToken cancellationToken)
    {
        Check(itemId);
        Calls.Add($"RecordOutcome {outcome.DecidedBy}");
        _items[itemId] = _items[itemId] with { OutcomeJson = outcome.OutcomeJson, Confidence = outcome.Confidence, OutcomeDecidedBy = outcome.DecidedBy };
        return Task.CompletedTask;
    }

    public Task CompleteAsync(long itemId, string workerId, string reason, CancellationToken cancellationToken) =>
        Move(itemId, WorkItemState.Completed, "Complete");

    public Task SendToReviewAsync(long itemId, string workerId, ReviewRequest request, CancellationToken cancellationToken)
    {
        Reviews[itemId] = request;
        return Move(itemId, WorkItemState.NeedsReview, "SendToReview");
    }

    public Task FailBusinessAsync(long itemId, string workerId, string reason, CancellationToken cancellationToken)
    {
        _items[itemId] = _items[itemId] with { LastError = reason };
        return Move(itemId, WorkItemState.BusinessException, "FailBusiness");
    }

    public async Task<WorkItemState> FailSystemAsync(
        long itemId, string workerId, string error, RetryPolicy policy, CancellationToken cancellationToken)
    {
        var state = policy.IsExhausted(_items[itemId].Attempts) ? WorkItemState.DeadLettered : WorkItemState.Retrying;
        _items[itemId] = _items[itemId] with { LastError = error };
        await Move(itemId, state, "FailSystem");
        return state;
    }

    public Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(long itemId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AuditEntry>>(_audit.Where(a => a.ItemId == itemId).ToList());

    public Task<WorkItem?> FindAsync(string reference, CancellationToken cancellationToken) =>
        Task.FromResult(_items.Values.FirstOrDefault(i => i.Reference == reference));

    public Task<IReadOnlyList<WorkItem>> LeaseAsync(string queue, string workerId, int maxItems, TimeSpan leaseDuration, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The runner never leases.");

    public Task<IReadOnlyList<long>> RenewLeasesAsync(IReadOnlyCollection<long> itemIds, string workerId, TimeSpan leaseDuration, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The runner never renews.");

    public Task ReleaseAsync(long itemId, string workerId, string reason, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The runner never releases.");

    public Task<WorkItem> ReplayAsync(string reference, string actor, string reason, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<WorkItem> CancelAsync(string reference, string actor, string reason, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<WorkItem>> ListAsync(WorkItemState state, string? queue, int limit, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<QueueDepth>> GetDepthAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    private Task Move(long itemId, WorkItemState to, string call)
    {
        Check(itemId);
        WorkItemTransitions.EnsureAllowed(_items[itemId].Reference, _items[itemId].State, to);
        _items[itemId] = _items[itemId] with { State = to };
        Calls.Add(call);
        return Task.CompletedTask;
    }

    private void Check(long itemId)
    {
        if (_items[itemId].Reference == LostLeaseOn)
        {
            throw new LeaseLostException(itemId, "w1");
        }
    }
}
