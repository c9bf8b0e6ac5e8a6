namespace AutomationFleet.Core.Bots;

/// <summary>A bot's answer for one item. Create with the static factories.</summary>
/// <param name="Kind">Proposal, rule says no, or needs a person.</param>
/// <param name="Category">The category the outcome falls in (used by the confidence policy).</param>
/// <param name="OutcomeJson">The proposed outcome as JSON.</param>
/// <param name="Confidence">Calibrated confidence in [0, 1].</param>
/// <param name="EvidenceJson">Evidence for a reviewer, as JSON.</param>
/// <param name="Reasons">Reasons in words (why no, why a person is needed, what drove the proposal).</param>
/// <param name="Urgent">The bot saw something a person must see soon.</param>
public sealed record BotDecision(
    BotDecisionKind Kind,
    string? Category,
    string? OutcomeJson,
    double Confidence,
    string EvidenceJson,
    IReadOnlyList<string> Reasons,
    bool Urgent)
{
    /// <summary>
    /// The threshold the bot's own model fitted for <see cref="Category"/> on held-out data, if it has one.
    /// <see cref="Confidence.ConfidencePolicy"/> applies it when no threshold is configured for the category.
    /// </summary>
    public double? FittedThreshold { get; init; }

    /// <summary>
    /// The council service the item is for, if the bot decided one; the runner puts it on the review request so
    /// reviewers granted that service see the item.
    /// </summary>
    public string? Service { get; init; }

    /// <summary>A proposed outcome.</summary>
    public static BotDecision Propose(string? category, string outcomeJson, double confidence, string evidenceJson = "{}") =>
        new(BotDecisionKind.Proposal, category, outcomeJson, confidence, evidenceJson, [], false);

    /// <summary>A business rule says no.</summary>
    public static BotDecision RuleSaysNo(string reason) =>
        new(BotDecisionKind.RuleSaysNo, null, null, 1, "{}", [reason], false);

    /// <summary>A person must look; optionally with a partial proposal and evidence.</summary>
    public static BotDecision NeedsPerson(string reason, bool urgent = false, string evidenceJson = "{}") =>
        new(BotDecisionKind.NeedsPerson, null, null, 0, evidenceJson, [reason], urgent);
}
