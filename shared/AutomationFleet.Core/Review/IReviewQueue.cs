namespace AutomationFleet.Core.Review;

/// <summary>
/// The review queue, kept in the same store as the work queue. A reviewer claims an item (claims
/// expire), then decides. Approve and correct send the item back to New with the decided outcome,
/// so it is delivered exactly as an automatic outcome would be; reject ends it as a business
/// exception; escalate keeps it in review, marked for a supervisor. Every decision is audited.
/// </summary>
public interface IReviewQueue
{
    /// <summary>Open review tasks: urgent first, then escalated, then SLA (due date), then age.</summary>
    Task<IReadOnlyList<ReviewTask>> ListAsync(ReviewFilter filter, CancellationToken cancellationToken);

    /// <summary>One open review task, or null.</summary>
    Task<ReviewTask?> GetAsync(long itemId, CancellationToken cancellationToken);

    /// <summary>Claims one item; throws <see cref="ReviewClaimException"/> if another reviewer holds a live claim.</summary>
    Task<ReviewTask> ClaimAsync(long itemId, string reviewer, TimeSpan claimDuration, CancellationToken cancellationToken);

    /// <summary>Claims the most urgent unclaimed item matching the filter, or returns null.</summary>
    Task<ReviewTask?> ClaimNextAsync(
        string reviewer, TimeSpan claimDuration, ReviewFilter filter, CancellationToken cancellationToken);

    /// <summary>Applies a decision; the reviewer must hold a live claim on the item.</summary>
    Task DecideAsync(long itemId, string reviewer, ReviewDecision decision, CancellationToken cancellationToken);

    /// <summary>Corrections kept for a bot, oldest first.</summary>
    Task<IReadOnlyList<LabelledExample>> GetLabelledExamplesAsync(string bot, CancellationToken cancellationToken);
}
