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
}
