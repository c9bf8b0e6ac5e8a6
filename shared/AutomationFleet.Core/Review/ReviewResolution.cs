using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Core.Review;

/// <summary>What a reviewer's decision does to the item, decided by <see cref="ReviewRules.Resolve"/>; the store persists it.</summary>
/// <param name="Kind">The decision.</param>
/// <param name="From">The item's state (NeedsReview).</param>
/// <param name="To">New (approve, correct: the outcome goes on to delivery), BusinessException (reject), NeedsReview (escalate).</param>
/// <param name="Reason">The audit row's reason.</param>
/// <param name="OutcomeJson">The decided outcome for approve and correct; null otherwise.</param>
/// <param name="CorrectedCategory">For a correction, the labelled example's category (the proposed one unless corrected); null otherwise.</param>
public sealed record ReviewResolution(
    ReviewDecisionKind Kind, WorkItemState From, WorkItemState To, string Reason, string? OutcomeJson, string? CorrectedCategory)
{
    /// <summary>Whether the decision closes the review task (every kind but escalate).</summary>
    public bool ClosesTask => Kind != ReviewDecisionKind.Escalate;

    /// <summary>Whether the decision keeps a labelled example (a correction).</summary>
    public bool KeepsExample => Kind == ReviewDecisionKind.Correct;
}
