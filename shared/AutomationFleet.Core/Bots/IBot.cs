using AutomationFleet.Core.Delivery;

namespace AutomationFleet.Core.Bots;

/// <summary>
/// A bot turns an item into a decision. Deciding is a pure function of the input and reference data:
/// no I/O that cannot be undone. What happens after the decision is in <see cref="DeliverySteps"/>,
/// run by the shared runner through named resilience pipelines.
/// </summary>
public interface IBot
{
    /// <summary>The bot's name, as used in config (thresholds) and in audit entries.</summary>
    string Name { get; }

    /// <summary>The queue it consumes.</summary>
    string Queue { get; }

    /// <summary>Side effects that carry out a decided outcome, in order.</summary>
    IReadOnlyList<IDeliveryStep> DeliverySteps { get; }

    /// <summary>Decides one item.</summary>
    Task<BotDecision> DecideAsync(BotInput input, CancellationToken cancellationToken);

    /// <summary>
    /// Completes an outcome a reviewer decided so it is as consistent as one the bot would have made: what follows
    /// from the reviewer's choices (for example the service and route of a corrected category) is filled in by the
    /// bot, which owns the meaning of its outcomes, not by the portal. Must be idempotent. Throws
    /// <see cref="ReviewedOutcomeException"/> when the outcome cannot be carried out (the item goes back to review
    /// with that reason). By default the outcome is delivered as decided.
    /// </summary>
    string CompleteReviewedOutcome(string outcomeJson) => outcomeJson;

    /// <summary>
    /// The service an outcome of this bot is for (as <see cref="BotDecision.Service"/> on a decision), read from the
    /// outcome; the runner puts it on the review tasks it makes itself (a step cut off midway, a delivery refused, a
    /// reviewed outcome the bot cannot carry out), so reviewers granted by service see those items too. Must not
    /// throw; null when the outcome names no service (the default).
    /// </summary>
    string? ServiceOf(string outcomeJson) => null;
}
