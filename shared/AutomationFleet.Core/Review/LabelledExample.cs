namespace AutomationFleet.Core.Review;

/// <summary>A reviewer's correction, kept as training data for the bot that proposed.</summary>
/// <param name="Id">Store-assigned.</param>
/// <param name="Bot">The bot that made the proposal.</param>
/// <param name="ItemId">The item.</param>
/// <param name="Reference">The item's reference.</param>
/// <param name="PayloadJson">The item's input.</param>
/// <param name="ProposedCategory">What the bot said.</param>
/// <param name="ProposedOutcomeJson">The bot's proposed outcome.</param>
/// <param name="CorrectedCategory">What the reviewer said.</param>
/// <param name="CorrectedOutcomeJson">The reviewer's outcome.</param>
/// <param name="Reviewer">Who corrected it.</param>
/// <param name="At">When.</param>
public sealed record LabelledExample(
    long Id,
    string Bot,
    long ItemId,
    string Reference,
    string PayloadJson,
    string? ProposedCategory,
    string? ProposedOutcomeJson,
    string? CorrectedCategory,
    string CorrectedOutcomeJson,
    string Reviewer,
    DateTimeOffset At);
