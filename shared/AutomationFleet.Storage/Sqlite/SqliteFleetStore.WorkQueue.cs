using System.Globalization;
using System.Text.Json;
using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.WorkItems;
using Microsoft.Data.Sqlite;

namespace AutomationFleet.Storage.Sqlite;

/// <content>The work queue (<see cref="IWorkQueue"/>).</content>
public sealed partial class SqliteFleetStore
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
            now =>
            {
                var id = WriteCommand(SqliteStatements.InsertItem)
                    .Bind("$queue", item.Queue)
                    .Bind("$reference", item.Reference)
                    .Bind("$payload", payload)
                    .Bind("$attachments", attachments)
                    .Bind("$priority", item.Priority)
                    .Bind("$due", item.DueAt?.ToUnixTimeMilliseconds())
                    .Bind("$now", now)
                    .ExecuteScalar();
                if (id is null or DBNull)
                {
                    var existing = SelectItem(SqliteStatements.SelectItemByReference, "$reference", item.Reference)
                        ?? throw new WorkItemNotFoundException(item.Reference);
                    return new EnqueueResult(existing, Created: false);
                }

                var itemId = Convert.ToInt64(id, CultureInfo.InvariantCulture);
                InsertAudit(itemId, item.Reference, now, actor, WorkItemStateMachine.Enqueue(item.Queue));
                var time = DateTimeOffset.FromUnixTimeMilliseconds(now);
                var created = new WorkItem(
                    itemId,
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
            now =>
            {
                var candidates = new List<WorkItem>(maxItems);
                using (var reader = WriteCommand(SqliteStatements.SelectLeasable)
                    .Bind("$queue", queue)
                    .Bind("$now", now)
                    .Bind("$limit", maxItems)
                    .ExecuteReader())
                {
                    while (reader.Read())
                    {
                        candidates.Add(ReadItem(reader));
                    }
                }

                if (candidates.Count == 0)
                {
                    return [];
                }

                var expires = now + leaseMilliseconds;
                var nowTime = DateTimeOffset.FromUnixTimeMilliseconds(now);
                var expiresTime = DateTimeOffset.FromUnixTimeMilliseconds(expires);
                var leased = new WorkItem[candidates.Count];
                for (var i = 0; i < candidates.Count; i++)
                {
                    var item = candidates[i];
                    var change = WorkItemStateMachine.Lease(item, workerId, nowTime);
                    WriteCommand(SqliteStatements.UpdateLeased)
                        .Bind("$attempts", change.Attempts)
                        .Bind("$owner", workerId)
                        .Bind("$expires", expires)
                        .Bind("$now", now)
                        .Bind("$id", item.Id)
                        .ExecuteNonQuery();
                    InsertAudit(item.Id, item.Reference, now, actor, change);
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
        return WriteAsync<IReadOnlyList<long>>(
            now =>
            {
                var lost = new List<long>();
                foreach (var id in itemIds)
                {
                    var changed = WriteCommand(SqliteStatements.RenewLease)
                        .Bind("$expires", now + leaseMilliseconds)
                        .Bind("$now", now)
                        .Bind("$id", id)
                        .Bind("$owner", workerId)
                        .ExecuteNonQuery();
                    if (changed == 0)
                    {
                        lost.Add(id);
                    }
                }

                return lost;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task RecordOutcomeAsync(long itemId, string workerId, ItemOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentException.ThrowIfNullOrWhiteSpace(outcome.OutcomeJson);
        return WriteAsync(
            now =>
            {
                RequireLease(itemId, workerId);
                WriteCommand(SqliteStatements.RecordOutcome)
                    .Bind("$outcome", outcome.OutcomeJson)
                    .Bind("$confidence", outcome.Confidence)
                    .Bind("$decidedBy", outcome.DecidedBy)
                    .Bind("$now", now)
                    .Bind("$id", itemId)
                    .ExecuteNonQuery();
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task CompleteAsync(long itemId, string workerId, string reason, CancellationToken cancellationToken) =>
        MoveLeasedAsync(itemId, workerId, held => WorkItemStateMachine.Complete(held.Reference, held.State, held.Attempts, reason), SqliteStatements.Complete, cancellationToken);

    /// <inheritdoc />
    public Task SendToReviewAsync(long itemId, string workerId, ReviewRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Bot);
        var reasons = JsonSerializer.Serialize(request.Reasons ?? [], StorageJsonContext.Default.IReadOnlyListString);
        return WriteAsync(
            now =>
            {
                var held = RequireLease(itemId, workerId);
                var change = WorkItemStateMachine.SendToReview(held.Reference, held.State, held.Attempts, request.Reasons);
                WriteCommand(SqliteStatements.MoveToReview).Bind("$now", now).Bind("$id", itemId).ExecuteNonQuery();
                WriteCommand(SqliteStatements.OpenReviewTask)
                    .Bind("$item", itemId)
                    .Bind("$bot", request.Bot)
                    .Bind("$category", request.Category)
                    .Bind("$proposal", request.ProposalJson)
                    .Bind("$confidence", request.Confidence)
                    .Bind("$evidence", string.IsNullOrWhiteSpace(request.EvidenceJson) ? "{}" : request.EvidenceJson)
                    .Bind("$reasons", reasons)
                    .Bind("$urgent", request.Urgent ? 1 : 0)
                    .Bind("$service", string.IsNullOrWhiteSpace(request.Service) ? null : request.Service.Trim())
                    .Bind("$now", now)
                    .ExecuteNonQuery();
                InsertAudit(itemId, held.Reference, now, Actors.Worker(workerId), change);
                return true;
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
            SqliteStatements.FailBusiness,
            cancellationToken,
            command => command.Bind("$error", reason));
    }

    /// <inheritdoc />
    public Task<WorkItemState> FailSystemAsync(
        long itemId, string workerId, string error, RetryPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
#pragma warning disable CA5394 // Jitter spreads retries out; it needs no cryptographic randomness.
        var jitter = Random.Shared.NextDouble();
#pragma warning restore CA5394
        return WriteAsync(
            now =>
            {
                var held = RequireLease(itemId, workerId);
                var change = WorkItemStateMachine.FailSystem(
                    held.Reference, held.State, held.Attempts, error, policy, DateTimeOffset.FromUnixTimeMilliseconds(now), jitter);
                WriteCommand(SqliteStatements.FailSystem)
                    .Bind("$state", (int)change.To)
                    .Bind("$error", error)
                    .Bind("$next", change.NextAttemptAt?.ToUnixTimeMilliseconds())
                    .Bind("$now", now)
                    .Bind("$id", itemId)
                    .ExecuteNonQuery();
                InsertAudit(itemId, held.Reference, now, Actors.Worker(workerId), change);
                return change.To;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task ReleaseAsync(long itemId, string workerId, string reason, CancellationToken cancellationToken) =>
        MoveLeasedAsync(
            itemId,
            workerId,
            held => WorkItemStateMachine.Release(held.Reference, held.State, held.Attempts, reason),
            SqliteStatements.Release,
            cancellationToken,
            bindChange: true);

    /// <inheritdoc />
    public Task<WorkItem> ReplayAsync(string reference, string actor, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        return WriteAsync(
            now =>
            {
                var item = SelectItem(SqliteStatements.SelectItemByReference, "$reference", reference)
                    ?? throw new WorkItemNotFoundException(reference);
                var change = WorkItemStateMachine.Replay(reference, item.State, reason);
                var replayed = SelectItem(SqliteStatements.Replay, "$id", item.Id, now, change.Attempts)!;
                InsertAudit(item.Id, reference, now, actor, change);
                return replayed;
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
            now =>
            {
                var item = SelectItem(SqliteStatements.SelectItemByReference, "$reference", reference)
                    ?? throw new WorkItemNotFoundException(reference);
                var change = WorkItemStateMachine.Cancel(item, reason, DateTimeOffset.FromUnixTimeMilliseconds(now));
                var cancelled = SelectItem(SqliteStatements.Cancel, "$id", item.Id, now)!;
                WriteCommand(SqliteStatements.CloseReviewTask).Bind("$now", now).Bind("$item", item.Id).ExecuteNonQuery();
                InsertAudit(item.Id, reference, now, actor, change);
                InsertSecurityEvent(now, WorkItemStateMachine.CancelledEvent(actor, reference, item.State, reason));
                return cancelled;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<WorkItem?> FindAsync(string reference, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        return ReadAsync(
            (connection, _) =>
            {
                using var command = ReadCommand(connection, SqliteStatements.SelectItemByReference).Bind("$reference", reference);
                using var reader = command.ExecuteReader();
                return reader.Read() ? ReadItem(reader) : null;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WorkItem>> ListAsync(
        WorkItemState state, string? queue, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return ReadAsync<IReadOnlyList<WorkItem>>(
            (connection, _) =>
            {
                using var command = ReadCommand(connection, SqliteStatements.ListItems)
                    .Bind("$state", (int)state)
                    .Bind("$queue", queue)
                    .Bind("$limit", limit);
                using var reader = command.ExecuteReader();
                var items = new List<WorkItem>();
                while (reader.Read())
                {
                    items.Add(ReadItem(reader));
                }

                return items;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<QueueDepth>> GetDepthAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<QueueDepth>>(
            (connection, _) =>
            {
                using var command = ReadCommand(connection, SqliteStatements.Depth);
                using var reader = command.ExecuteReader();
                var depths = new List<QueueDepth>();
                while (reader.Read())
                {
                    depths.Add(new QueueDepth(reader.GetString(0), (WorkItemState)reader.GetInt32(1), reader.GetInt32(2), reader.GetTime(3)));
                }

                return depths;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(long itemId, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<AuditEntry>>(
            (connection, _) =>
            {
                using var command = ReadCommand(connection, SqliteStatements.SelectAudit).Bind("$item", itemId);
                using var reader = command.ExecuteReader();
                var entries = new List<AuditEntry>();
                while (reader.Read())
                {
                    entries.Add(new AuditEntry(
                        reader.GetInt64(0),
                        reader.GetInt64(1),
                        reader.GetString(2),
                        reader.GetTime(3),
                        reader.GetString(4),
                        reader.IsDBNull(5) ? null : (WorkItemState)reader.GetInt32(5),
                        (WorkItemState)reader.GetInt32(6),
                        reader.GetString(7)));
                }

                return entries;
            },
            cancellationToken);

    // The shape every simple move of a leased item shares: the worker must still hold it, Core decides the change,
    // then the row and its audit entry change in one transaction. The statement binds $now and $id (and $attempts when
    // bindChange is set); bindExtra adds any other parameter it has.
    private Task<bool> MoveLeasedAsync(
        long itemId,
        string workerId,
        Func<LeaseHolder, WorkItemChange> decide,
        string statement,
        CancellationToken cancellationToken,
        Action<SqliteCommand>? bindExtra = null,
        bool bindChange = false) =>
        WriteAsync(
            now =>
            {
                var held = RequireLease(itemId, workerId);
                var change = decide(held);
                var command = WriteCommand(statement).Bind("$now", now).Bind("$id", itemId);
                if (bindChange)
                {
                    command.Bind("$attempts", change.Attempts);
                }

                bindExtra?.Invoke(command);
                command.ExecuteNonQuery();
                InsertAudit(itemId, held.Reference, now, Actors.Worker(workerId), change);
                return true;
            },
            cancellationToken);

    /// <summary>
    /// Checks, inside the write transaction, that <paramref name="workerId"/> holds the item: it is
    /// InProgress under that worker's name. An expired lease nobody else has taken still counts
    /// (see the class remarks).
    /// </summary>
    private LeaseHolder RequireLease(long itemId, string workerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        using var reader = WriteCommand(SqliteStatements.SelectLeaseHolder).Bind("$id", itemId).ExecuteReader();
        if (!reader.Read())
        {
            throw new WorkItemNotFoundException(itemId.ToString(CultureInfo.InvariantCulture));
        }

        var state = (WorkItemState)reader.GetInt32(1);
        WorkItemStateMachine.EnsureHeldBy(itemId, state, reader.GetNullableString(2), workerId);
        return new LeaseHolder(reader.GetString(0), state, reader.GetInt32(3));
    }

    /// <summary>Runs a statement on the writer returning item rows (a SELECT or UPDATE … RETURNING) and reads the first.</summary>
    private WorkItem? SelectItem(string sql, string name, object value, long? now = null, int? attempts = null)
    {
        var command = WriteCommand(sql).Bind(name, value);
        if (now is not null)
        {
            command.Bind("$now", now);
        }

        if (attempts is not null)
        {
            command.Bind("$attempts", attempts);
        }

        using var reader = command.ExecuteReader();
        var item = reader.Read() ? ReadItem(reader) : null;
        while (reader.Read())
        {
            // Drain so an UPDATE … RETURNING runs to completion before the reader closes.
        }

        return item;
    }

    private static WorkItem ReadItem(SqliteDataReader reader)
    {
        var attachmentsJson = reader.GetString(4);
        IReadOnlyList<AttachmentRef> attachments = attachmentsJson == EmptyJsonList
            ? []
            : JsonSerializer.Deserialize(attachmentsJson, StorageJsonContext.Default.IReadOnlyListAttachmentRef) ?? [];
        return new WorkItem(
            reader.GetInt64(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.GetString(3),
            attachments,
            reader.GetInt32(5),
            reader.GetNullableTime(6),
            (WorkItemState)reader.GetInt32(7),
            reader.GetInt32(8),
            reader.GetNullableString(9),
            reader.GetNullableTime(10),
            reader.GetNullableTime(11),
            reader.GetNullableString(12),
            reader.GetNullableDouble(13),
            reader.GetNullableString(14),
            reader.GetNullableString(15),
            reader.GetTime(16),
            reader.GetTime(17));
    }

    private readonly record struct LeaseHolder(string Reference, WorkItemState State, int Attempts);
}
