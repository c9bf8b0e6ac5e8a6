using System.Globalization;
using System.Text;
using System.Text.Json;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.WorkItems;
using Microsoft.Data.Sqlite;

namespace AutomationFleet.Storage.Sqlite;

/// <content>The review queue (<see cref="IReviewQueue"/>).</content>
public sealed partial class SqliteFleetStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<ReviewTask>> ListAsync(ReviewFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Queues is { Count: 0 } || filter.Limit < 1)
        {
            return Task.FromResult<IReadOnlyList<ReviewTask>>([]);
        }

        return ReadAsync<IReadOnlyList<ReviewTask>>(
            (connection, now) =>
            {
                using var command = connection.CreateCommand();
                PrepareReviewQuery(command, filter, unclaimedOnly: false, filter.Limit, now);
                return ReadReviewTasks(command, now);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<ReviewTask?> GetAsync(long itemId, CancellationToken cancellationToken) =>
        ReadAsync(
            (connection, now) =>
            {
                using var command = ReadCommand(connection, SqliteStatements.SelectOpenReviewTask).Bind("$item", itemId);
                return ReadReviewTasks(command, now).FirstOrDefault();
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<ReviewTask> ClaimAsync(long itemId, string reviewer, TimeSpan claimDuration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewer);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(claimDuration, TimeSpan.Zero);
        var claimMilliseconds = Milliseconds(claimDuration);
        return WriteAsync(
            now =>
            {
                var task = ReadReviewTasks(WriteCommand(SqliteStatements.SelectOpenReviewTask).Bind("$item", itemId), now).FirstOrDefault();
                if (task is null)
                {
                    _ = SelectItem(SqliteStatements.SelectItemById, "$id", itemId)
                        ?? throw new WorkItemNotFoundException(itemId.ToString(CultureInfo.InvariantCulture));
                    throw new ReviewClaimException($"Item {itemId} is not waiting for review.");
                }

                if (task.ClaimedBy is { } holder && !string.Equals(holder, reviewer, StringComparison.Ordinal))
                {
                    throw new ReviewClaimException(
                        $"Item {task.Reference} is claimed by {holder} until {task.ClaimExpiresAt:O}.");
                }

                return Claim(task, reviewer, now + claimMilliseconds);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<ReviewTask?> ClaimNextAsync(
        string reviewer, TimeSpan claimDuration, ReviewFilter filter, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewer);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(claimDuration, TimeSpan.Zero);
        if (filter.Queues is { Count: 0 })
        {
            return Task.FromResult<ReviewTask?>(null);
        }

        var claimMilliseconds = Milliseconds(claimDuration);
        return WriteAsync(
            now =>
            {
                // Dynamic SQL (the filter decides the shape), so it is not kept in the prepared-command cache.
                using var command = _writer!.CreateCommand();
                PrepareReviewQuery(command, filter, unclaimedOnly: true, limit: 1, now);
                var task = ReadReviewTasks(command, now).FirstOrDefault();
                return task is null ? null : Claim(task, reviewer, now + claimMilliseconds);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task DecideAsync(long itemId, string reviewer, ReviewDecision decision, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewer);
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Kind != ReviewDecisionKind.Approve && string.IsNullOrWhiteSpace(decision.Reason))
        {
            throw new ArgumentException($"A reason is required to {decision.Kind.ToString().ToLowerInvariant()} an item.", nameof(decision));
        }

        if (decision.Kind == ReviewDecisionKind.Correct && string.IsNullOrWhiteSpace(decision.CorrectedOutcomeJson))
        {
            throw new ArgumentException("A correction needs the corrected outcome.", nameof(decision));
        }

        if (!Enum.IsDefined(decision.Kind))
        {
            throw new ArgumentOutOfRangeException(nameof(decision), decision.Kind, "Unknown review decision.");
        }

        var actor = ReviewerActor(reviewer);
        return WriteAsync(
            now =>
            {
                var input = ReadDecisionInput(itemId, reviewer, now);
                var reason = string.IsNullOrWhiteSpace(decision.Reason) ? null : decision.Reason;
                switch (decision.Kind)
                {
                    case ReviewDecisionKind.Approve:
                        if (input.ProposalJson is null)
                        {
                            throw new ArgumentException(
                                $"Item {input.Reference} has no proposal to approve; correct it with an outcome instead.", nameof(decision));
                        }

                        Deliver(itemId, input, actor, input.ProposalJson, now, "approved" + (reason is null ? string.Empty : ": " + reason));
                        break;

                    case ReviewDecisionKind.Correct:
                        Deliver(itemId, input, actor, decision.CorrectedOutcomeJson!, now, "corrected: " + reason);
                        WriteCommand(SqliteStatements.InsertLabelledExample)
                            .Bind("$bot", input.Bot)
                            .Bind("$item", itemId)
                            .Bind("$reference", input.Reference)
                            .Bind("$payload", input.PayloadJson)
                            .Bind("$proposedCategory", input.Category)
                            .Bind("$proposedOutcome", input.ProposalJson)
                            .Bind("$correctedCategory", decision.CorrectedCategory ?? input.Category)
                            .Bind("$correctedOutcome", decision.CorrectedOutcomeJson)
                            .Bind("$reviewer", reviewer)
                            .Bind("$now", now)
                            .ExecuteNonQuery();
                        break;

                    case ReviewDecisionKind.Reject:
                        WorkItemTransitions.EnsureAllowed(input.Reference, input.State, WorkItemState.BusinessException);
                        WriteCommand(SqliteStatements.RejectReviewedItem).Bind("$reason", reason).Bind("$now", now).Bind("$item", itemId).ExecuteNonQuery();
                        WriteCommand(SqliteStatements.CloseReviewTask).Bind("$now", now).Bind("$item", itemId).ExecuteNonQuery();
                        InsertAudit(itemId, input.Reference, now, actor, input.State, WorkItemState.BusinessException, "rejected: " + reason);
                        break;

                    case ReviewDecisionKind.Escalate:
                        WorkItemTransitions.EnsureAllowed(input.Reference, input.State, WorkItemState.NeedsReview);
                        WriteCommand(SqliteStatements.TouchItem).Bind("$now", now).Bind("$item", itemId).ExecuteNonQuery();
                        WriteCommand(SqliteStatements.EscalateReviewTask).Bind("$item", itemId).ExecuteNonQuery();
                        InsertAudit(itemId, input.Reference, now, actor, input.State, WorkItemState.NeedsReview, "escalated: " + reason);
                        break;
                }

                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<LabelledExample>> GetLabelledExamplesAsync(string bot, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bot);
        return ReadAsync<IReadOnlyList<LabelledExample>>(
            (connection, _) =>
            {
                using var command = ReadCommand(connection, SqliteStatements.SelectLabelledExamples).Bind("$bot", bot);
                using var reader = command.ExecuteReader();
                var examples = new List<LabelledExample>();
                while (reader.Read())
                {
                    examples.Add(new LabelledExample(
                        reader.GetInt64(0),
                        reader.GetString(1),
                        reader.GetInt64(2),
                        reader.GetString(3),
                        reader.GetString(4),
                        reader.GetNullableString(5),
                        reader.GetNullableString(6),
                        reader.GetNullableString(7),
                        reader.GetString(8),
                        reader.GetString(9),
                        reader.GetTime(10)));
                }

                return examples;
            },
            cancellationToken);
    }

    private ReviewTask Claim(ReviewTask task, string reviewer, long expires)
    {
        WriteCommand(SqliteStatements.ClaimReviewTask)
            .Bind("$reviewer", reviewer)
            .Bind("$expires", expires)
            .Bind("$item", task.ItemId)
            .ExecuteNonQuery();
        return task with { ClaimedBy = reviewer, ClaimExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(expires) };
    }

    /// <summary>Approve and correct: NeedsReview → New with the decided outcome, review task closed.</summary>
    private void Deliver(long itemId, DecisionInput input, string actor, string outcomeJson, long now, string reason)
    {
        WorkItemTransitions.EnsureAllowed(input.Reference, input.State, WorkItemState.New);
        WriteCommand(SqliteStatements.ApplyReviewOutcome)
            .Bind("$outcome", outcomeJson)
            .Bind("$decidedBy", actor)
            .Bind("$now", now)
            .Bind("$item", itemId)
            .ExecuteNonQuery();
        WriteCommand(SqliteStatements.CloseReviewTask).Bind("$now", now).Bind("$item", itemId).ExecuteNonQuery();
        InsertAudit(itemId, input.Reference, now, actor, input.State, WorkItemState.New, reason);
    }

    private DecisionInput ReadDecisionInput(long itemId, string reviewer, long now)
    {
        using var reader = WriteCommand(SqliteStatements.SelectReviewDecisionInput).Bind("$item", itemId).ExecuteReader();
        if (!reader.Read() || !reader.IsDBNull(2))
        {
            throw new ReviewClaimException($"Item {itemId} is not waiting for review.");
        }

        var holder = reader.GetNullableString(0);
        var expires = reader.GetNullableInt64(1);
        if (!string.Equals(holder, reviewer, StringComparison.Ordinal) || expires is null || expires <= now)
        {
            throw new ReviewClaimException($"Reviewer {reviewer} holds no live claim on item {reader.GetString(6)}; claim it first.");
        }

        return new DecisionInput(
            reader.GetString(3),
            reader.GetNullableString(4),
            reader.GetNullableString(5),
            reader.GetString(6),
            (WorkItemState)reader.GetInt32(7),
            reader.GetString(8));
    }

    private static void PrepareReviewQuery(SqliteCommand command, ReviewFilter filter, bool unclaimedOnly, int limit, long now)
    {
        var sql = new StringBuilder("SELECT ").Append(SqliteStatements.ReviewColumns).Append(SqliteStatements.ReviewFrom)
            .Append(" WHERE t.closed_at IS NULL");
        if (filter.Bot is not null)
        {
            sql.Append(" AND t.bot = $bot");
            command.Bind("$bot", filter.Bot);
        }

        if (filter.Category is not null)
        {
            sql.Append(" AND t.category = $category");
            command.Bind("$category", filter.Category);
        }

        if (filter.Queues is not null)
        {
            sql.Append(" AND w.queue IN (");
            var i = 0;
            foreach (var queue in filter.Queues)
            {
                var name = "$q" + i.ToString(CultureInfo.InvariantCulture);
                sql.Append(i == 0 ? string.Empty : ", ").Append(name);
                command.Bind(name, queue);
                i++;
            }

            sql.Append(')');
        }

        if (unclaimedOnly)
        {
            sql.Append(" AND (t.claimed_by IS NULL OR t.claim_expires_at <= $now)");
            command.Bind("$now", now);
        }

        sql.Append(SqliteStatements.ReviewOrder).Append(" LIMIT $limit;");
        command.Bind("$limit", limit);
#pragma warning disable CA2100 // Built only from constant fragments; every value is a bound parameter.
        command.CommandText = sql.ToString();
#pragma warning restore CA2100
    }

    private static List<ReviewTask> ReadReviewTasks(SqliteCommand command, long now)
    {
        using var reader = command.ExecuteReader();
        var tasks = new List<ReviewTask>();
        while (reader.Read())
        {
            var reasons = JsonSerializer.Deserialize(reader.GetString(8), StorageJsonContext.Default.IReadOnlyListString) ?? [];
            var claimExpires = reader.GetNullableInt64(12);
            var claimLive = claimExpires is { } expires && expires > now;
            tasks.Add(new ReviewTask(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                new ReviewRequest(
                    reader.GetString(3),
                    reader.GetNullableString(4),
                    reader.GetNullableString(5),
                    reader.GetDouble(6),
                    reader.GetString(7),
                    reasons,
                    reader.GetInt64(9) != 0),
                reader.GetInt64(10) != 0,
                claimLive ? reader.GetNullableString(11) : null,
                claimLive ? DateTimeOffset.FromUnixTimeMilliseconds(claimExpires!.Value) : null,
                reader.GetNullableTime(13),
                reader.GetTime(14)));
        }

        return tasks;
    }

    private readonly record struct DecisionInput(
        string Bot, string? Category, string? ProposalJson, string Reference, WorkItemState State, string PayloadJson);
}
