using System.Globalization;
using System.Text.Json;
using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Storage.Sqlite;

namespace AutomationFleet.Storage.Postgres;

/// <content>The work queue (<see cref="IWorkQueue"/>).</content>
public sealed partial class PostgresFleetStore
{
    private const string EmptyJsonList = "[]";

    /// <inheritdoc />
    public Task<EnqueueResult> EnqueueAsync(NewWorkItem item, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentException.ThrowIfNullOrWhiteSpace(item.Queue);
        ArgumentException.ThrowIfNullOrWhiteSpace(item.Reference);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var attachments = item.Attachments is { Count: > 0 }
            ? JsonSerializer.Serialize(item.Attachments, StorageJsonContext.Default.IReadOnlyListAttachmentRef)
            : EmptyJsonList;
        var payload = string.IsNullOrWhiteSpace(item.PayloadJson) ? "{}" : item.PayloadJson;

        return WriteAsync(
            async session =>
            {
                var id = await session.ScalarAsync<long?>(
                    PostgresStatements.InsertItem,
                    new
                    {
                        queue = item.Queue,
                        reference = item.Reference,
                        payload,
                        attachments,
                        priority = item.Priority,
                        due = item.DueAt?.ToUnixTimeMilliseconds(),
                        now = session.Now,
                    });
                if (id is null)
                {
                    var existing = await session.SingleOrDefaultAsync<PostgresRows.ItemRow>(
                        PostgresStatements.SelectItemByReference, new { reference = item.Reference })
                        ?? throw new WorkItemNotFoundException(item.Reference);
                    return new EnqueueResult(existing.ToItem(), Created: false);
                }

                await InsertAuditAsync(session, id.Value, item.Reference, actor, WorkItemStateMachine.Enqueue(item.Queue));
                await session.ExecuteAsync(PostgresStatements.NotifyWork, new { queue = item.Queue });
                var time = DateTimeOffset.FromUnixTimeMilliseconds(session.Now);
                var created = new WorkItem(
                    id.Value,
                    item.Queue,
                    item.Reference,
                    payload,
                    item.Attachments ?? [],
                    item.Priority,
                    item.DueAt is { } due ? DateTimeOffset.FromUnixTimeMilliseconds(due.ToUnixTimeMilliseconds()) : null,
                    WorkItemState.New,
                    Attempts: 0,
                    LeaseOwner: null,
                    LeaseExpiresAt: null,
                    NextAttemptAt: null,
                    OutcomeJson: null,
                    Confidence: null,
                    OutcomeDecidedBy: null,
                    LastError: null,
                    CreatedAt: time,
                    UpdatedAt: time);
                return new EnqueueResult(created, Created: true);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WorkItem>> LeaseAsync(
        string queue, string workerId, int maxItems, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queue);
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        var leaseMilliseconds = Milliseconds(leaseDuration);
        var actor = Actors.Worker(workerId);

        return WriteAsync<IReadOnlyList<WorkItem>>(
            async session =>
            {
                var now = session.Now;
                var candidates = await session.QueryAsync<PostgresRows.ItemRow>(
                    PostgresStatements.LockLeasable, new { queue, now, limit = maxItems });
                if (candidates.Count == 0)
                {
                    return [];
                }

                var expires = now + leaseMilliseconds;
                var nowTime = DateTimeOffset.FromUnixTimeMilliseconds(now);
                var expiresTime = DateTimeOffset.FromUnixTimeMilliseconds(expires);
                // Core decides each item's change; the rows and their audit entries are then written in two statements
                // for the whole batch rather than two per item.
                var leased = new WorkItem[candidates.Count];
                var changes = new WorkItemChange[candidates.Count];
                for (var i = 0; i < candidates.Count; i++)
                {
                    var item = candidates[i].ToItem();
                    var change = WorkItemStateMachine.Lease(item, workerId, nowTime);
                    changes[i] = change;
                    leased[i] = item with
                    {
                        State = WorkItemState.InProgress,
                        Attempts = change.Attempts,
                        LeaseOwner = workerId,
                        LeaseExpiresAt = expiresTime,
                        NextAttemptAt = null,
                        UpdatedAt = nowTime,
                    };
                }

                // Both statements go as one command: one round trip.
                var batch = new Dapper.DynamicParameters(new
                {
                    ids = leased.Select(i => i.Id).ToArray(),
                    attempts = changes.Select(c => c.Attempts).ToArray(),
                    owner = workerId,
                    expires,
                    now,
                });
                batch.AddDynamicParams(new
                {
                    items = leased.Select(i => i.Id).ToArray(),
                    references = leased.Select(i => i.Reference).ToArray(),
                    froms = changes.Select(c => (int?)c.From).ToArray(),
                    tos = changes.Select(c => (int)c.To).ToArray(),
                    reasons = changes.Select(c => c.Reason).ToArray(),
                    at = now,
                    actor,
                });
                await session.ExecuteAsync(PostgresStatements.UpdateLeasedBatch + "\n" + PostgresStatements.InsertAuditBatch, batch);
                return leased;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> RenewLeasesAsync(
        IReadOnlyCollection<long> itemIds, string workerId, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        if (itemIds.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<long>>([]);
        }

        var leaseMilliseconds = Milliseconds(leaseDuration);
        var ids = itemIds.ToArray();
        // One statement for every held item (a consumer renews its whole batch at once): the ones it did not renew are
        // no longer this worker's.
        return WriteOneAsync<IReadOnlyList<long>>(
            async session =>
            {
                var renewed = await session.QueryAsync<long>(
                    PostgresStatements.RenewLeases,
                    new { expires = session.Now + leaseMilliseconds, now = session.Now, ids, owner = workerId });
                return ids.Except(renewed).ToList();
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task RecordOutcomeAsync(long itemId, string workerId, ItemOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentException.ThrowIfNullOrWhiteSpace(outcome.OutcomeJson);
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        object Parameters(Session session) => new
        {
            outcome = outcome.OutcomeJson,
            confidence = outcome.Confidence,
            decidedBy = outcome.DecidedBy,
            now = session.Now,
            id = itemId,
            owner = workerId,
        };

        var recorded = await WriteOneAsync(
            session => session.ExecuteAsync(PostgresStatements.RecordOutcomeHeld, Parameters(session)), cancellationToken);
        if (recorded == 0)
        {
            // Not held by this worker, or no such item: the locking check throws the precise exception.
            await WriteAsync(
                async session =>
                {
                    await RequireLeaseAsync(session, itemId, workerId);
                    return await session.ExecuteAsync(PostgresStatements.RecordOutcomeHeld, Parameters(session));
                },
                cancellationToken);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// The hot path of every item, one statement and one round trip: Core decides the move from InProgress (the only
    /// state a holder completes from), and the statement applies it with its audit row only where
    /// <see cref="WorkItemStateMachine.IsHeldBy"/> holds (<c>state = 1 AND lease_owner = @owner</c>, checked on the row
    /// as the update locks it). When it matches nothing, the locking path runs and throws the precise exception
    /// (<see cref="LeaseLostException"/> or <see cref="WorkItemNotFoundException"/>).
    /// </remarks>
    public async Task CompleteAsync(long itemId, string workerId, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        // The reference only names the item in an exception, which this allowed move never throws (the audit row takes
        // the row's own reference); a completion writes no attempts, so none are needed.
        var change = WorkItemStateMachine.Complete(itemId.ToString(CultureInfo.InvariantCulture), WorkItemState.InProgress, attempts: 0, reason);
        var completed = await WriteOneAsync(
            session => session.ExecuteAsync(
                PostgresStatements.CompleteHeld,
                new
                {
                    id = itemId,
                    owner = workerId,
                    now = session.Now,
                    actor = Actors.Worker(workerId),
                    from = (int)change.From!,
                    to = (int)change.To,
                    reason = change.Reason,
                }),
            cancellationToken);
        if (completed == 0)
        {
            await MoveLeasedAsync(
                itemId,
                workerId,
                held => WorkItemStateMachine.Complete(held.Reference, held.State, held.Attempts, reason),
                (session, _) => (PostgresStatements.Complete, new { now = session.Now, id = itemId }),
                cancellationToken);
        }
    }

    /// <inheritdoc />
    public Task SendToReviewAsync(long itemId, string workerId, ReviewRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Bot);
        var reasons = JsonSerializer.Serialize(request.Reasons ?? [], StorageJsonContext.Default.IReadOnlyListString);
        return MoveLeasedAsync(
            itemId,
            workerId,
            held => WorkItemStateMachine.SendToReview(held.Reference, held.State, held.Attempts, request.Reasons),
            async (session, _) =>
            {
                await session.ExecuteAsync(PostgresStatements.MoveToReview, new { now = session.Now, id = itemId });
                return await session.ExecuteAsync(
                    PostgresStatements.OpenReviewTask,
                    new
                    {
                        item = itemId,
                        bot = request.Bot,
                        category = request.Category,
                        proposal = request.ProposalJson,
                        confidence = request.Confidence,
                        evidence = string.IsNullOrWhiteSpace(request.EvidenceJson) ? "{}" : request.EvidenceJson,
                        reasons,
                        urgent = request.Urgent,
                        service = string.IsNullOrWhiteSpace(request.Service) ? null : request.Service.Trim(),
                        now = session.Now,
                    });
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task FailBusinessAsync(long itemId, string workerId, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return MoveLeasedAsync(
            itemId,
            workerId,
            held => WorkItemStateMachine.FailBusiness(held.Reference, held.State, held.Attempts, reason),
            (session, _) => (PostgresStatements.FailBusiness, new { error = reason, now = session.Now, id = itemId }),
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<WorkItemState> FailSystemAsync(
        long itemId, string workerId, string error, RetryPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
#pragma warning disable CA5394 // Jitter spreads retries out; it needs no cryptographic randomness.
        var jitter = Random.Shared.NextDouble();
#pragma warning restore CA5394
        var change = await MoveLeasedAsync(
            itemId,
            workerId,
            held => WorkItemStateMachine.FailSystem(
                held.Reference, held.State, held.Attempts, error, policy, DateTimeOffset.FromUnixTimeMilliseconds(held.Now), jitter),
            (session, decided) => (
                PostgresStatements.FailSystem,
                new { state = (int)decided.To, error, next = decided.NextAttemptAt?.ToUnixTimeMilliseconds(), now = session.Now, id = itemId }),
            cancellationToken);
        return change.To;
    }

    /// <inheritdoc />
    public Task ReleaseAsync(long itemId, string workerId, string reason, CancellationToken cancellationToken) =>
        MoveLeasedAsync(
            itemId,
            workerId,
            held => WorkItemStateMachine.Release(held.Reference, held.State, held.Attempts, reason),
            // The release, its wake-up for idle consumers and (added by MoveLeasedAsync) its audit row: one round trip.
            (session, decided) => (PostgresStatements.Release + "\n" + PostgresStatements.NotifyWorkForItem, new { attempts = decided.Attempts, now = session.Now, id = itemId }),
            cancellationToken);

    /// <inheritdoc />
    public Task<WorkItem> ReplayAsync(string reference, string actor, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        return WriteAsync(
            async session =>
            {
                var item = await LockItemAsync(session, reference);
                var change = WorkItemStateMachine.Replay(reference, item.State, reason);
                var replayed = await session.SingleOrDefaultAsync<PostgresRows.ItemRow>(
                    PostgresStatements.Replay, new { attempts = change.Attempts, now = session.Now, id = item.Id });
                await session.ExecuteAsync(PostgresStatements.NotifyWork, new { queue = item.Queue });
                await InsertAuditAsync(session, item.Id, reference, actor, change);
                return replayed!.ToItem();
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<WorkItem> CancelAsync(string reference, string actor, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return WriteAsync(
            async session =>
            {
                var item = await LockItemAsync(session, reference);
                var change = WorkItemStateMachine.Cancel(item, reason, DateTimeOffset.FromUnixTimeMilliseconds(session.Now));
                var cancelled = await session.SingleOrDefaultAsync<PostgresRows.ItemRow>(
                    PostgresStatements.Cancel, new { now = session.Now, id = item.Id });
                await session.ExecuteAsync(PostgresStatements.CloseReviewTask, new { now = session.Now, item = item.Id });
                await InsertAuditAsync(session, item.Id, reference, actor, change);
                await InsertSecurityEventAsync(session, WorkItemStateMachine.CancelledEvent(actor, reference, item.State, reason));
                return cancelled!.ToItem();
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<WorkItem?> FindAsync(string reference, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        return ReadAsync(
            async session => (await session.SingleOrDefaultAsync<PostgresRows.ItemRow>(
                PostgresStatements.SelectItemByReference, new { reference }))?.ToItem(),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WorkItem>> ListAsync(
        WorkItemState state, string? queue, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return ReadAsync<IReadOnlyList<WorkItem>>(
            async session => (await session.QueryAsync<PostgresRows.ItemRow>(
                    PostgresStatements.ListItems, new { state = (int)state, queue, limit }))
                .Select(row => row.ToItem())
                .ToList(),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<QueueDepth>> GetDepthAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<QueueDepth>>(
            async session => (await session.QueryAsync<PostgresRows.DepthRow>(PostgresStatements.Depth))
                .Select(row => row.ToDepth())
                .ToList(),
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(long itemId, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<AuditEntry>>(
            async session => (await session.QueryAsync<PostgresRows.AuditRow>(PostgresStatements.SelectAudit, new { item = itemId }))
                .Select(row => row.ToEntry())
                .ToList(),
            cancellationToken);

    // The shape every move of a leased item shares: lock the row, check the worker still holds it, Core decides the
    // change, then the row (apply) and its audit entry change in one transaction.
    private Task<WorkItemChange> MoveLeasedAsync(
        long itemId,
        string workerId,
        Func<LeaseHolder, WorkItemChange> decide,
        Func<Session, WorkItemChange, Task<int>> apply,
        CancellationToken cancellationToken) =>
        WriteAsync(
            async session =>
            {
                var held = await RequireLeaseAsync(session, itemId, workerId);
                var change = decide(held);
                await apply(session, change);
                await InsertAuditAsync(session, itemId, held.Reference, Actors.Worker(workerId), change);
                return change;
            },
            cancellationToken);

    // The same, for a move whose row change is one statement: it goes to the server with the audit insert as one
    // command (two statements, one round trip), the hot path of every completion.
    private Task<WorkItemChange> MoveLeasedAsync(
        long itemId,
        string workerId,
        Func<LeaseHolder, WorkItemChange> decide,
        Func<Session, WorkItemChange, (string Sql, object Parameters)> statement,
        CancellationToken cancellationToken) =>
        WriteAsync(
            async session =>
            {
                var held = await RequireLeaseAsync(session, itemId, workerId);
                var change = decide(held);
                var (sql, parameters) = statement(session, change);
                var all = new Dapper.DynamicParameters(parameters);
                all.AddDynamicParams(AuditParameters(session, itemId, held.Reference, Actors.Worker(workerId), change.From, change.To, change.Reason));
                await session.ExecuteAsync(sql + "\n" + PostgresStatements.InsertAudit, all);
                return change;
            },
            cancellationToken);

    /// <summary>
    /// Locks the item and checks that <paramref name="workerId"/> holds it: it is InProgress under that worker's name.
    /// An expired lease nobody else has taken still counts (see the class remarks).
    /// </summary>
    private static async Task<LeaseHolder> RequireLeaseAsync(Session session, long itemId, string workerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        var row = await session.SingleOrDefaultAsync<PostgresRows.LeaseHolderRow>(PostgresStatements.LockLeaseHolder, new { id = itemId })
            ?? throw new WorkItemNotFoundException(itemId.ToString(CultureInfo.InvariantCulture));
        var state = (WorkItemState)row.State;
        WorkItemStateMachine.EnsureHeldBy(itemId, state, row.LeaseOwner, workerId);
        return new LeaseHolder(row.Reference, state, row.Attempts, session.Now);
    }

    private static async Task<WorkItem> LockItemAsync(Session session, string reference) =>
        (await session.SingleOrDefaultAsync<PostgresRows.ItemRow>(PostgresStatements.LockItemByReference, new { reference }))?.ToItem()
        ?? throw new WorkItemNotFoundException(reference);

    private static Task<int> InsertAuditAsync(Session session, long itemId, string reference, string actor, WorkItemChange change) =>
        InsertAuditAsync(session, itemId, reference, actor, change.From, change.To, change.Reason);

    private static Task<int> InsertAuditAsync(
        Session session, long itemId, string reference, string actor, WorkItemState? from, WorkItemState to, string reason) =>
        session.ExecuteAsync(PostgresStatements.InsertAudit, AuditParameters(session, itemId, reference, actor, from, to, reason));

    private static object AuditParameters(
        Session session, long itemId, string reference, string actor, WorkItemState? from, WorkItemState to, string reason) =>
        new { item = itemId, reference, at = session.Now, actor, from = (int?)from, to = (int)to, reason };

    private readonly record struct LeaseHolder(string Reference, WorkItemState State, int Attempts, long Now);
}
