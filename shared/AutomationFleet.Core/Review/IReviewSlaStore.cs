namespace AutomationFleet.Core.Review;

/// <summary>
/// What the review SLA sweep needs from the store: the open review tasks whose item is due soon, and escalating one to a
/// supervisor as the fleet itself (no claim, no reviewer). Implemented by both stores; the rules are in
/// <see cref="ReviewRules"/>.
/// </summary>
public interface IReviewSlaStore
{
    /// <summary>
    /// Open review tasks not yet escalated whose item is due at or before <paramref name="dueBy"/> (overdue ones included),
    /// soonest due first, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<ReviewDeadline>> ListDueForEscalationAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Escalates an open task that is not escalated yet, with an item audit row (NeedsReview → NeedsReview) by
    /// <paramref name="actor"/>; any claim stays (a supervisor takes it over by reassigning). Returns false and changes
    /// nothing when the task is closed, already escalated or missing, so a task is escalated once however often it is swept.
    /// </summary>
    Task<bool> EscalateAsync(long itemId, string actor, string reason, CancellationToken cancellationToken);
}
