namespace AutomationFleet.Core.Review;

/// <summary>
/// The review queue, kept in the same store as the work queue. A reviewer claims an item (claims
/// expire), then decides. Approve and correct send the item back to New with the decided outcome,
/// so it is delivered exactly as an automatic outcome would be; reject ends it as a business
/// exception; escalate keeps it in review, marked for a supervisor. Every decision is audited.
/// </summary>
/// <remarks>
/// Escalated tasks are claimed and decided only by enabled supervisor or administrator accounts (the store reads the
/// role from its accounts in the same transaction and throws <see cref="ReviewAccessException"/> otherwise);
/// <see cref="ClaimNextAsync"/> skips them for anyone else. Supervisors also reassign and release claims.
/// </remarks>
public interface IReviewQueue
{
    /// <summary>Open review tasks: urgent first, then escalated, then SLA (due date), then age.</summary>
    Task<IReadOnlyList<ReviewTask>> ListAsync(ReviewFilter filter, CancellationToken cancellationToken);

    /// <summary>One open review task, or null.</summary>
    Task<ReviewTask?> GetAsync(long itemId, CancellationToken cancellationToken);

    /// <summary>
    /// The item's most recent review task, open or decided, or null if it never went to review (for access checks
    /// on decided items: the task keeps its service).
    /// </summary>
    Task<ReviewTask?> GetLatestAsync(long itemId, CancellationToken cancellationToken);

    /// <summary>
    /// Open tasks matching the filter's access (queues, services) and escalation, grouped by bot, category and service,
    /// with urgent and escalated counts; the filter's bot, category, service and limit are ignored.
    /// </summary>
    Task<IReadOnlyList<ReviewCount>> CountAsync(ReviewFilter filter, CancellationToken cancellationToken);

    /// <summary>
    /// Claims one item; throws <see cref="ReviewClaimException"/> if another reviewer holds a live claim, and
    /// <see cref="ReviewAccessException"/> if it is escalated and <paramref name="reviewer"/> is not a supervisor.
    /// </summary>
    Task<ReviewTask> ClaimAsync(long itemId, string reviewer, TimeSpan claimDuration, CancellationToken cancellationToken);

    /// <summary>Claims the most urgent unclaimed item matching the filter, or returns null.</summary>
    Task<ReviewTask?> ClaimNextAsync(
        string reviewer, TimeSpan claimDuration, ReviewFilter filter, CancellationToken cancellationToken);

    /// <summary>Applies a decision; the reviewer must hold a live claim on the item (and be a supervisor if it is escalated).</summary>
    Task DecideAsync(long itemId, string reviewer, ReviewDecision decision, CancellationToken cancellationToken);

    /// <summary>
    /// A supervisor (or administrator) claims an open item on <paramref name="reviewer"/>'s behalf, replacing any
    /// claim, for <paramref name="claimDuration"/>. The reviewer must be an enabled account allowed to see the item
    /// (its queue or service granted, or a supervisor or administrator; only those for an escalated item), else
    /// <see cref="ReviewAccessException"/>. Written to the item's audit trail and the security audit in one transaction.
    /// </summary>
    Task<ReviewTask> ReassignAsync(
        long itemId, string supervisor, string reviewer, TimeSpan claimDuration, CancellationToken cancellationToken);

    /// <summary>
    /// A supervisor (or administrator) releases the live claim on an open item and returns who held it; throws
    /// <see cref="ReviewClaimException"/> when no one holds one. Audited like <see cref="ReassignAsync"/>.
    /// </summary>
    Task<string> ReleaseClaimAsync(long itemId, string supervisor, CancellationToken cancellationToken);

    /// <summary>Corrections kept for a bot, oldest first.</summary>
    Task<IReadOnlyList<LabelledExample>> GetLabelledExamplesAsync(string bot, CancellationToken cancellationToken);
}
