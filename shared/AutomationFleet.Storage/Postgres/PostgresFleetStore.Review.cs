using System.Globalization;
using System.Text;
using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.WorkItems;
using Dapper;

namespace AutomationFleet.Storage.Postgres;

/// <content>The review queue (<see cref="IReviewQueue"/>).</content>
public sealed partial class PostgresFleetStore : IReviewQueue
{
    /// <inheritdoc />
    public Task<IReadOnlyList<ReviewTask>> ListAsync(ReviewFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.GrantsNothing || filter.Limit < 1)
        {
            return Task.FromResult<IReadOnlyList<ReviewTask>>([]);
        }

        return ReadAsync<IReadOnlyList<ReviewTask>>(
            async session =>
            {
                var (sql, parameters) = ReviewQuery(filter, unclaimedOnly: false, filter.Limit, session.Now);
                return (await session.QueryAsync<PostgresRows.ReviewTaskRow>(sql, parameters)).Select(row => row.ToTask(session.Now)).ToList();
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<ReviewTask?> GetAsync(long itemId, CancellationToken cancellationToken) =>
        ReadOneTaskAsync(PostgresStatements.SelectOpenReviewTask, itemId, cancellationToken);

    /// <inheritdoc />
    public Task<ReviewTask?> GetLatestAsync(long itemId, CancellationToken cancellationToken) =>
        ReadOneTaskAsync(PostgresStatements.SelectReviewTask, itemId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ReviewCount>> CountAsync(ReviewFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.GrantsNothing)
        {
            return Task.FromResult<IReadOnlyList<ReviewCount>>([]);
        }

        return ReadAsync<IReadOnlyList<ReviewCount>>(
            async session =>
            {
                var sql = new StringBuilder(PostgresStatements.CountReviewTasks);
                var parameters = new DynamicParameters();
                AppendAccess(sql, parameters, filter, queueColumn: "t.queue");
                sql.Append(PostgresStatements.CountReviewGroup);
                return (await session.QueryAsync<PostgresRows.ReviewCountRow>(sql.ToString(), parameters)).Select(row => row.ToCount()).ToList();
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<ReviewTask> ClaimAsync(long itemId, string reviewer, TimeSpan claimDuration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewer);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(claimDuration, TimeSpan.Zero);
        var claimMilliseconds = Milliseconds(claimDuration);
        return WriteAsync(
            async session =>
            {
                var task = await RequireOpenTaskAsync(session, itemId);
                ReviewRules.EnsureMayClaim(task, reviewer, await MaySuperviseAsync(session, reviewer));
                return await ClaimAsync(session, task, reviewer, session.Now + claimMilliseconds);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>The next task is taken with <c>FOR UPDATE … SKIP LOCKED</c>: reviewers on several machines never get the same one.</remarks>
    public Task<ReviewTask?> ClaimNextAsync(
        string reviewer, TimeSpan claimDuration, ReviewFilter filter, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewer);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(claimDuration, TimeSpan.Zero);
        if (filter.GrantsNothing)
        {
            return Task.FromResult<ReviewTask?>(null);
        }

        var claimMilliseconds = Milliseconds(claimDuration);
        return WriteAsync(
            async session =>
            {
                var allowed = ReviewRules.ClaimableBy(filter, await MaySuperviseAsync(session, reviewer));
                var (sql, parameters) = ReviewQuery(allowed, unclaimedOnly: true, limit: 1, session.Now);
                var row = await session.SingleOrDefaultAsync<PostgresRows.ReviewTaskRow>(sql + " FOR UPDATE OF t, w SKIP LOCKED", parameters);
                return row is null ? null : await ClaimAsync(session, row.ToTask(session.Now), reviewer, session.Now + claimMilliseconds);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task DecideAsync(long itemId, string reviewer, ReviewDecision decision, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewer);
        ReviewRules.ValidateDecision(decision);
        var actor = Actors.Reviewer(reviewer);
        return WriteAsync(
            async session =>
            {
                var now = session.Now;
                await session.ExecuteAsync(PostgresStatements.LockItemId, new { id = itemId });
                var input = await session.SingleOrDefaultAsync<PostgresRows.DecisionInputRow>(PostgresStatements.LockReviewDecisionInput, new { item = itemId });
                if (input is null || input.ClosedAt is not null)
                {
                    throw new ReviewClaimException($"Item {itemId} is not waiting for review.");
                }

                ReviewRules.EnsureMayDecide(
                    input.Reference, input.Escalated, input.ClaimedBy, input.ClaimExpires, reviewer, await MaySuperviseAsync(session, reviewer),
                    DateTimeOffset.FromUnixTimeMilliseconds(now));
                var resolution = ReviewRules.Resolve(input.Reference, (WorkItemState)input.State, input.ProposalJson, input.Category, decision);
                switch (resolution.Kind)
                {
                    case ReviewDecisionKind.Approve or ReviewDecisionKind.Correct:
                        await session.ExecuteAsync(
                            PostgresStatements.ApplyReviewOutcome, new { outcome = resolution.OutcomeJson, decidedBy = actor, now, item = itemId });
                        await session.ExecuteAsync(PostgresStatements.NotifyWorkForItem, new { id = itemId });
                        break;

                    case ReviewDecisionKind.Reject:
                        await session.ExecuteAsync(PostgresStatements.RejectReviewedItem, new { reason = decision.Reason, now, item = itemId });
                        break;

                    default:
                        await session.ExecuteAsync(PostgresStatements.TouchItem, new { now, item = itemId });
                        await session.ExecuteAsync(PostgresStatements.EscalateReviewTask, new { item = itemId });
                        break;
                }

                if (resolution.ClosesTask)
                {
                    await session.ExecuteAsync(PostgresStatements.CloseReviewTask, new { now, item = itemId });
                }

                await InsertAuditAsync(session, itemId, input.Reference, actor, resolution.From, resolution.To, resolution.Reason);
                if (resolution.KeepsExample)
                {
                    await session.ExecuteAsync(
                        PostgresStatements.InsertLabelledExample,
                        new
                        {
                            bot = input.Bot,
                            item = itemId,
                            reference = input.Reference,
                            payload = TrainingDataRedaction.Redact(input.PayloadJson),
                            proposedCategory = input.Category,
                            proposedOutcome = TrainingDataRedaction.Redact(input.ProposalJson),
                            correctedCategory = resolution.CorrectedCategory,
                            correctedOutcome = TrainingDataRedaction.Redact(resolution.OutcomeJson),
                            reviewer,
                            now,
                        });
                }

                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<ReviewTask> ReassignAsync(
        long itemId, string supervisor, string reviewer, TimeSpan claimDuration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(supervisor);
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewer);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(claimDuration, TimeSpan.Zero);
        var claimMilliseconds = Milliseconds(claimDuration);
        return WriteAsync(
            async session =>
            {
                var actor = ReviewRules.RequireSupervisor(await ReadUserAsync(session, supervisor), supervisor);
                var task = await RequireOpenTaskAsync(session, itemId);
                var name = ReviewRules.EnsureMayReassign(task, await ReadUserAsync(session, reviewer), reviewer);
                var claimed = await ClaimAsync(session, task, name, session.Now + claimMilliseconds);
                await session.ExecuteAsync(PostgresStatements.TouchItem, new { now = session.Now, item = itemId });
                await InsertAuditAsync(
                    session,
                    itemId,
                    task.Reference,
                    Actors.Supervisor(actor),
                    WorkItemState.NeedsReview,
                    WorkItemState.NeedsReview,
                    ReviewRules.ReassignedReason(name, claimed.ClaimExpiresAt!.Value, task.ClaimedBy));
                await InsertSecurityEventAsync(session, ReviewRules.ReassignedEvent(actor, task.Reference, name, task.ClaimedBy));
                return claimed;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<string> ReleaseClaimAsync(long itemId, string supervisor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(supervisor);
        return WriteAsync(
            async session =>
            {
                var actor = ReviewRules.RequireSupervisor(await ReadUserAsync(session, supervisor), supervisor);
                var task = await RequireOpenTaskAsync(session, itemId);
                var holder = ReviewRules.RequireClaimHolder(task);
                await session.ExecuteAsync(PostgresStatements.ReleaseReviewClaim, new { item = itemId });
                await session.ExecuteAsync(PostgresStatements.TouchItem, new { now = session.Now, item = itemId });
                await InsertAuditAsync(
                    session,
                    itemId,
                    task.Reference,
                    Actors.Supervisor(actor),
                    WorkItemState.NeedsReview,
                    WorkItemState.NeedsReview,
                    ReviewRules.ClaimReleasedReason(holder));
                await InsertSecurityEventAsync(session, ReviewRules.ClaimReleasedEvent(actor, task.Reference, holder));
                return holder;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<LabelledExample>> GetLabelledExamplesAsync(string bot, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bot);
        return ReadAsync<IReadOnlyList<LabelledExample>>(
            async session => (await session.QueryAsync<PostgresRows.LabelledExampleRow>(PostgresStatements.SelectLabelledExamples, new { bot }))
                .Select(row => row.ToExample())
                .ToList(),
            cancellationToken);
    }

    private Task<ReviewTask?> ReadOneTaskAsync(string statement, long itemId, CancellationToken cancellationToken) =>
        ReadAsync(
            async session => (await session.SingleOrDefaultAsync<PostgresRows.ReviewTaskRow>(statement, new { item = itemId }))?.ToTask(session.Now),
            cancellationToken);

    /// <summary>The open task, locked, or why not (the item is unknown, or not waiting for review).</summary>
    private static async Task<ReviewTask> RequireOpenTaskAsync(Session session, long itemId)
    {
        _ = await session.ScalarAsync<long?>(PostgresStatements.LockItemId, new { id = itemId })
            ?? throw new WorkItemNotFoundException(itemId.ToString(CultureInfo.InvariantCulture));
        var row = await session.SingleOrDefaultAsync<PostgresRows.ReviewTaskRow>(PostgresStatements.LockOpenReviewTask, new { item = itemId })
            ?? throw new ReviewClaimException($"Item {itemId} is not waiting for review.");
        return row.ToTask(session.Now);
    }

    /// <summary>Whether the name is an account <see cref="ReviewRules.MaySupervise"/> (Core decides).</summary>
    private static async Task<bool> MaySuperviseAsync(Session session, string name) => ReviewRules.MaySupervise(await ReadUserAsync(session, name));

    private static async Task<ReviewTask> ClaimAsync(Session session, ReviewTask task, string reviewer, long expires)
    {
        await session.ExecuteAsync(PostgresStatements.ClaimReviewTask, new { reviewer, expires, item = task.ItemId });
        return task with { ClaimedBy = reviewer, ClaimExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(expires) };
    }

    /// <summary>The listing query for a filter: built from constant fragments, every value a parameter.</summary>
    private static (string Sql, DynamicParameters Parameters) ReviewQuery(ReviewFilter filter, bool unclaimedOnly, int limit, long now)
    {
        var parameters = new DynamicParameters();
        var sql = new StringBuilder("SELECT ").Append(PostgresStatements.ReviewColumns).Append(PostgresStatements.ReviewFrom)
            .Append(" WHERE t.closed_at IS NULL");
        if (filter.Bot is not null)
        {
            sql.Append(" AND t.bot = @bot");
            parameters.Add("bot", filter.Bot);
        }

        if (filter.Category is not null)
        {
            sql.Append(" AND t.category = @category");
            parameters.Add("category", filter.Category);
        }

        if (filter.Service is not null)
        {
            sql.Append(" AND t.service = @service");
            parameters.Add("service", filter.Service);
        }

        AppendAccess(sql, parameters, filter, queueColumn: "w.queue");
        if (unclaimedOnly)
        {
            sql.Append(" AND (t.claimed_by IS NULL OR t.claim_expires_at <= @now)");
            parameters.Add("now", now);
        }

        sql.Append(PostgresStatements.ReviewOrder).Append(" LIMIT @limit");
        parameters.Add("limit", limit);
        return (sql.ToString(), parameters);
    }

    /// <summary>
    /// The caller's access (queue OR service granted; nothing appended when unscoped) and the escalation filter, as in
    /// the SQLite store. A filter that grants nothing is answered before any SQL runs.
    /// </summary>
    private static void AppendAccess(StringBuilder sql, DynamicParameters parameters, ReviewFilter filter, string queueColumn)
    {
        if (filter.IsScoped)
        {
            var terms = new List<string>();
            if (filter.Queues is { Count: > 0 } queues)
            {
                terms.Add(queueColumn + " = ANY(@queues)");
                parameters.Add("queues", queues.ToArray());
            }

            if (filter.Services is { Count: > 0 } services)
            {
                terms.Add("t.service = ANY(@services)");
                parameters.Add("services", services.ToArray());
            }

            sql.Append(" AND (").AppendJoin(" OR ", terms).Append(')');
        }

        if (filter.Escalated is { } escalated)
        {
            sql.Append(escalated ? " AND t.escalated" : " AND NOT t.escalated");
        }
    }
}
