using AutomationFleet.Core.Privacy;
using AutomationFleet.Core.Retention;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Storage.Postgres;

/// <summary>
/// The store's side of the maintenance jobs (issue 13): the review SLA sweep, the retention purge and the subject access
/// search, in the same terms as the SQLite store (see <c>SqliteFleetStore.Retention.cs</c>): the rules are Core's, the SQL
/// repeats "open and not escalated" in the escalating UPDATE and the final states in the expired-items query.
/// </summary>
public sealed partial class PostgresFleetStore : IReviewSlaStore, IRetentionStore, ISubjectAccessStore
{
    private const string SelectDueForEscalation = """
        SELECT w.id AS ItemId, w.reference AS Reference, w.queue AS Queue, w.due_at AS DueAt
          FROM review_tasks r JOIN work_items w ON w.id = r.item_id
         WHERE r.closed_at IS NULL AND NOT r.escalated AND w.due_at IS NOT NULL AND w.due_at <= @dueBy
         ORDER BY w.due_at, w.id
         LIMIT @limit;
        """;

    private const string EscalateOpenTask = """
        UPDATE review_tasks r SET escalated = true
          FROM work_items w
         WHERE r.item_id = @item AND w.id = r.item_id AND r.closed_at IS NULL AND NOT r.escalated
        RETURNING w.reference AS Reference, w.state AS State;
        """;

    private const string SelectExpired = "SELECT " + PostgresStatements.ItemColumns + """
         FROM work_items
        WHERE queue = @queue AND state IN (2, 4, 7) AND redacted_at IS NULL AND updated_at < @before
        ORDER BY updated_at, id
        LIMIT @limit;
        """;

    private const string SelectBlobReferenced = """
        SELECT EXISTS (SELECT 1 FROM work_items WHERE id <> @item AND redacted_at IS NULL AND strpos(attachments_json, @hash) > 0);
        """;

    private const string LockRedactable = """
        SELECT reference AS Reference, state AS State, redacted_at AS RedactedAt FROM work_items WHERE id = @item FOR UPDATE;
        """;

    // updated_at is left alone: the dashboard counts finished items by it.
    private const string RedactItem = """
        UPDATE work_items
           SET payload_json = @redacted,
               attachments_json = '[]',
               outcome_json = CASE WHEN outcome_json IS NULL THEN NULL
                                   ELSE json_build_object('redacted', true, 'category', outcome_category(outcome_json))::text END,
               redacted_at = @now
         WHERE id = @item;
        UPDATE review_tasks
           SET evidence_json = @redacted,
               proposal_json = CASE WHEN proposal_json IS NULL THEN NULL ELSE @redacted END
         WHERE item_id = @item;
        """;

    // ILIKE's default escape character is the backslash, as SqliteFleetStore.LikePattern writes it.
    private const string SelectMentioning = "SELECT " + PostgresStatements.ItemColumns + """
         FROM work_items w
        WHERE w.payload_json ILIKE @pattern
           OR w.outcome_json ILIKE @pattern
           OR EXISTS (SELECT 1 FROM review_tasks r
                       WHERE r.item_id = w.id AND (r.evidence_json ILIKE @pattern OR r.proposal_json ILIKE @pattern))
        ORDER BY w.created_at, w.id
        LIMIT @limit;
        """;

    /// <inheritdoc />
    public Task<IReadOnlyList<ReviewDeadline>> ListDueForEscalationAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return ReadAsync<IReadOnlyList<ReviewDeadline>>(
            async session => (await session.QueryAsync<DeadlineRow>(SelectDueForEscalation, new { dueBy = dueBy.ToUnixTimeMilliseconds(), limit }))
                .Select(row => new ReviewDeadline(row.ItemId, row.Reference, row.Queue, DateTimeOffset.FromUnixTimeMilliseconds(row.DueAt)))
                .ToList(),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> EscalateAsync(long itemId, string actor, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return WriteAsync(
            async session =>
            {
                var row = await session.SingleOrDefaultAsync<ItemStateRow>(EscalateOpenTask, new { item = itemId });
                if (row is null)
                {
                    return false;
                }

                var state = (WorkItemState)row.State;
                await InsertAuditAsync(session, itemId, row.Reference, actor, state, state, reason);
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WorkItem>> ListExpiredAsync(string queue, DateTimeOffset finishedBefore, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queue);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return ReadAsync<IReadOnlyList<WorkItem>>(
            async session => (await session.QueryAsync<PostgresRows.ItemRow>(SelectExpired, new { queue, before = finishedBefore.ToUnixTimeMilliseconds(), limit }))
                .Select(row => row.ToItem())
                .ToList(),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> IsBlobReferencedAsync(string contentHash, long exceptItemId, CancellationToken cancellationToken)
    {
        var hash = Sqlite.SqliteFleetStore.BlobPattern(contentHash).Trim('%');
        return ReadAsync(async session => await session.ScalarAsync<bool>(SelectBlobReferenced, new { item = exceptItemId, hash }), cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RedactAsync(long itemId, string actor, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return WriteAsync(
            async session =>
            {
                var row = await session.SingleOrDefaultAsync<ItemStateRow>(LockRedactable, new { item = itemId });
                if (row is null || row.RedactedAt is not null || !RetentionRules.MayRedact((WorkItemState)row.State))
                {
                    return false;
                }

                await session.ExecuteAsync(RedactItem, new { item = itemId, redacted = RetentionRules.RedactedPayload, now = session.Now });
                var state = (WorkItemState)row.State;
                await InsertAuditAsync(session, itemId, row.Reference, actor, state, state, reason);
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Through <c>purge_audit_trail</c> (script 0007): the worker's role may not delete audit rows itself; the function
    /// runs as the schema's owner and checks the bound again against the database's clock.
    /// </remarks>
    public Task<AuditTrailPurge> PurgeAuditTrailAsync(DateTimeOffset before, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        return WriteAsync(
            async session =>
            {
                if (!RetentionRules.MayPurgeAuditBefore(before, DateTimeOffset.FromUnixTimeMilliseconds(session.Now)))
                {
                    throw new ArgumentOutOfRangeException(
                        nameof(before), before, $"Audit rows younger than {RetentionRules.MinimumAuditTrailAge.TotalDays:0} days are never deleted.");
                }

                var purged = (await session.SingleOrDefaultAsync<AuditTrailPurge>(
                    "SELECT item_rows AS ItemRows, security_rows AS SecurityRows, incident_rows AS IncidentRows FROM purge_audit_trail(@before);",
                    new { before = before.ToUnixTimeMilliseconds() }))!;
                await InsertSecurityEventAsync(session, RetentionRules.AuditTrailPurgeEvent(actor, before, purged));
                return purged;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WorkItem>> FindItemsMentioningAsync(IReadOnlyCollection<string> terms, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var found = new Dictionary<long, WorkItem>();
        foreach (var term in terms.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var pattern = Sqlite.SqliteFleetStore.LikePattern(term);
            var rows = await ReadAsync(async session => await session.QueryAsync<PostgresRows.ItemRow>(SelectMentioning, new { pattern, limit }), cancellationToken);
            foreach (var row in rows)
            {
                var item = row.ToItem();
                found.TryAdd(item.Id, item);
            }
        }

        return [.. found.Values.OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).Take(limit)];
    }

    private sealed class DeadlineRow
    {
        public long ItemId { get; set; }

        public string Reference { get; set; } = string.Empty;

        public string Queue { get; set; } = string.Empty;

        public long DueAt { get; set; }
    }

    private sealed class ItemStateRow
    {
        public string Reference { get; set; } = string.Empty;

        public int State { get; set; }

        public long? RedactedAt { get; set; }
    }
}
