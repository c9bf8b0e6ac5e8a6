using AutomationFleet.Core.Privacy;
using AutomationFleet.Core.Retention;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Storage.Sqlite;

/// <summary>
/// The store's side of the maintenance jobs (issue 13): the review SLA sweep, the retention purge and the subject access
/// search. The rules are Core's (<see cref="ReviewRules"/>, <see cref="RetentionRules"/>); the SQL repeats two of them for
/// atomicity or an index, as the lease query does: "open and not escalated" in the escalating UPDATE, and the final
/// states (2 Completed, 4 BusinessException, 7 Cancelled) in the expired-items query.
/// </summary>
public sealed partial class SqliteFleetStore : IReviewSlaStore, IRetentionStore, ISubjectAccessStore
{
    private const string SelectDueForEscalation = """
        SELECT w.id, w.reference, w.queue, w.due_at
          FROM review_tasks r JOIN work_items w ON w.id = r.item_id
         WHERE r.closed_at IS NULL AND r.escalated = 0 AND w.due_at IS NOT NULL AND w.due_at <= $dueBy
         ORDER BY w.due_at, w.id
         LIMIT $limit;
        """;

    private const string EscalateOpenTask = """
        UPDATE review_tasks SET escalated = 1
         WHERE item_id = $item AND closed_at IS NULL AND escalated = 0
        RETURNING (SELECT reference FROM work_items WHERE id = $item), (SELECT state FROM work_items WHERE id = $item);
        """;

    // Serves ListExpired through ix_work_items_retention; a finished item is never updated again (redaction leaves
    // updated_at alone), so updated_at is when it finished.
    private const string SelectExpired = "SELECT " + SqliteStatements.ItemColumns + """
         FROM work_items
        WHERE queue = $queue AND state IN (2, 4, 7) AND redacted_at IS NULL AND updated_at < $before
        ORDER BY updated_at, id
        LIMIT $limit;
        """;

    private const string SelectBlobReferenced = """
        SELECT EXISTS (SELECT 1 FROM work_items WHERE id <> $item AND redacted_at IS NULL AND attachments_json LIKE $pattern);
        """;

    private const string SelectRedactable = "SELECT reference, state, redacted_at FROM work_items WHERE id = $item;";

    // updated_at is left alone: the dashboard counts finished items by it.
    private const string RedactItem = """
        UPDATE work_items
           SET payload_json = $redacted,
               attachments_json = '[]',
               outcome_json = CASE WHEN outcome_json IS NULL THEN NULL
                                   ELSE json_object('redacted', json('true'), 'category',
                                        CASE WHEN json_valid(outcome_json) AND json_type(outcome_json) = 'object' THEN json_extract(outcome_json, '$.category') END) END,
               redacted_at = $now
         WHERE id = $item;
        UPDATE review_tasks
           SET evidence_json = $redacted,
               proposal_json = CASE WHEN proposal_json IS NULL THEN NULL ELSE $redacted END
         WHERE item_id = $item;
        """;

    // The delete triggers let through rows older than the bound while it is set; it is set and cleared in one transaction.
    private const string PurgeAuditTrail = """
        INSERT INTO audit_purge_bound (before) VALUES ($before);
        DELETE FROM audit_log WHERE at < $before;
        SELECT changes();
        DELETE FROM security_audit WHERE at < $before;
        SELECT changes();
        DELETE FROM incident_audit WHERE at < $before;
        SELECT changes();
        DELETE FROM audit_purge_bound;
        """;

    private const string SelectMentioning = "SELECT " + SqliteStatements.ItemColumns + """
         FROM work_items w
        WHERE w.payload_json LIKE $pattern ESCAPE '\'
           OR w.outcome_json LIKE $pattern ESCAPE '\'
           OR EXISTS (SELECT 1 FROM review_tasks r
                       WHERE r.item_id = w.id AND (r.evidence_json LIKE $pattern ESCAPE '\' OR r.proposal_json LIKE $pattern ESCAPE '\'))
        ORDER BY w.created_at, w.id
        LIMIT $limit;
        """;

    /// <inheritdoc />
    public Task<IReadOnlyList<ReviewDeadline>> ListDueForEscalationAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return ReadAsync<IReadOnlyList<ReviewDeadline>>(
            (connection, _) =>
            {
                using var command = ReadCommand(connection, SelectDueForEscalation)
                    .Bind("$dueBy", dueBy.ToUnixTimeMilliseconds())
                    .Bind("$limit", limit);
                using var reader = command.ExecuteReader();
                var due = new List<ReviewDeadline>();
                while (reader.Read())
                {
                    due.Add(new ReviewDeadline(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetTime(3)));
                }

                return due;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> EscalateAsync(long itemId, string actor, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return WriteAsync(
            now =>
            {
                string reference;
                WorkItemState state;
                using (var reader = WriteCommand(EscalateOpenTask).Bind("$item", itemId).ExecuteReader())
                {
                    if (!reader.Read())
                    {
                        return false;
                    }

                    reference = reader.GetString(0);
                    state = (WorkItemState)reader.GetInt32(1);
                }

                InsertAudit(itemId, reference, now, actor, state, state, reason);
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
            (connection, _) =>
            {
                using var command = ReadCommand(connection, SelectExpired)
                    .Bind("$queue", queue)
                    .Bind("$before", finishedBefore.ToUnixTimeMilliseconds())
                    .Bind("$limit", limit);
                return ReadItems(command);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> IsBlobReferencedAsync(string contentHash, long exceptItemId, CancellationToken cancellationToken)
    {
        var pattern = BlobPattern(contentHash);
        return ReadAsync(
            (connection, _) =>
            {
                using var command = ReadCommand(connection, SelectBlobReferenced).Bind("$item", exceptItemId).Bind("$pattern", pattern);
                return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RedactAsync(long itemId, string actor, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return WriteAsync(
            now =>
            {
                string reference;
                WorkItemState state;
                using (var reader = WriteCommand(SelectRedactable).Bind("$item", itemId).ExecuteReader())
                {
                    if (!reader.Read() || !reader.IsDBNull(2))
                    {
                        return false;
                    }

                    reference = reader.GetString(0);
                    state = (WorkItemState)reader.GetInt32(1);
                }

                if (!RetentionRules.MayRedact(state))
                {
                    return false;
                }

                WriteCommand(RedactItem).Bind("$item", itemId).Bind("$redacted", RetentionRules.RedactedPayload).Bind("$now", now).ExecuteNonQuery();
                InsertAudit(itemId, reference, now, actor, state, state, reason);
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<AuditTrailPurge> PurgeAuditTrailAsync(DateTimeOffset before, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        return WriteAsync(
            now =>
            {
                if (!RetentionRules.MayPurgeAuditBefore(before, DateTimeOffset.FromUnixTimeMilliseconds(now)))
                {
                    throw new ArgumentOutOfRangeException(
                        nameof(before), before, $"Audit rows younger than {RetentionRules.MinimumAuditTrailAge.TotalDays:0} days are never deleted.");
                }

                var counts = new List<long>();
                using (var reader = WriteCommand(PurgeAuditTrail).Bind("$before", before.ToUnixTimeMilliseconds()).ExecuteReader())
                {
                    do
                    {
                        while (reader.Read())
                        {
                            counts.Add(reader.GetInt64(0));
                        }
                    }
                    while (reader.NextResult());
                }

                var purged = new AuditTrailPurge(counts[0], counts[1], counts[2]);
                InsertSecurityEvent(now, RetentionRules.AuditTrailPurgeEvent(actor, before, purged));
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
            var pattern = LikePattern(term);
            var items = await ReadAsync(
                (connection, _) =>
                {
                    using var command = ReadCommand(connection, SelectMentioning).Bind("$pattern", pattern).Bind("$limit", limit);
                    return ReadItems(command);
                },
                cancellationToken);
            foreach (var item in items)
            {
                found.TryAdd(item.Id, item);
            }
        }

        return [.. found.Values.OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).Take(limit)];
    }

    /// <summary>A LIKE pattern matching <paramref name="term"/> anywhere, literally (escape character <c>\</c>).</summary>
    internal static string LikePattern(string term) =>
        "%" + term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    /// <summary>A content hash is 64 hex digits, so it holds no LIKE wild card; checked, since it comes from stored JSON.</summary>
    internal static string BlobPattern(string contentHash)
    {
        ArgumentNullException.ThrowIfNull(contentHash);
        if (contentHash.Length != 64 || !contentHash.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("A content hash is 64 lower-case hex digits (SHA-256).", nameof(contentHash));
        }

        return "%\"" + contentHash + "\"%";
    }

    private static List<WorkItem> ReadItems(Microsoft.Data.Sqlite.SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var items = new List<WorkItem>();
        while (reader.Read())
        {
            items.Add(ReadItem(reader));
        }

        return items;
    }
}
