namespace AutomationFleet.Core.Review;

/// <summary>What a reviewer is shown: the bot's proposal, its evidence and why it was not automatic.</summary>
/// <param name="Bot">The bot that proposed.</param>
/// <param name="Category">The proposed category, if the bot has categories.</param>
/// <param name="ProposalJson">The proposed outcome as JSON (null when the bot could not propose one).</param>
/// <param name="Confidence">The bot's confidence.</param>
/// <param name="EvidenceJson">The bot's evidence as JSON (top categories, match candidates, calculations).</param>
/// <param name="Reasons">Why it was not automatic, one reason a line.</param>
/// <param name="Urgent">Put at the head of the queue (e.g. a possible safeguarding concern).</param>
/// <param name="Service">
/// The council service the item is for (e.g. <c>Blue Badge</c>), if the bot decided one; reviewers may be granted a
/// service as well as a queue.
/// </param>
public sealed record ReviewRequest(
    string Bot,
    string? Category,
    string? ProposalJson,
    double Confidence,
    string EvidenceJson,
    IReadOnlyList<string> Reasons,
    bool Urgent,
    string? Service = null);
