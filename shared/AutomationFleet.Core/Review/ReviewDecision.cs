namespace AutomationFleet.Core.Review;

/// <summary>A reviewer's decision on one item.</summary>
/// <param name="Kind">Approve, correct, reject or escalate.</param>
/// <param name="Reason">Why, in the reviewer's words (required for reject, correct and escalate).</param>
/// <param name="CorrectedOutcomeJson">The corrected outcome; required for <see cref="ReviewDecisionKind.Correct"/>.</param>
/// <param name="CorrectedCategory">The corrected category, if the bot has categories.</param>
public sealed record ReviewDecision(
    ReviewDecisionKind Kind,
    string Reason,
    string? CorrectedOutcomeJson = null,
    string? CorrectedCategory = null);
