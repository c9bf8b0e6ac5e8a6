using System.Text.Json;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Updates;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.Updates;

/// <summary>
/// Sends the updates <see cref="ItemUpdates"/> raised: one item on the updates queue per (citizen item, touch point).
/// The decision only reads the request (a payload that is not one ends <c>BusinessException</c>, kept with its error);
/// the work is the ledgered <see cref="SendUpdateStep"/>, and the sweep's <see cref="Timescale.TimescaleSweepStep"/>.
/// </summary>
public sealed class UpdatesBot(IOptions<UpdatesOptions> options, IEnumerable<IDeliveryStep> steps) : IBot
{
    /// <summary>The bot's name (its confidence settings and audit actor).</summary>
    public const string BotName = "updates";

    /// <inheritdoc />
    public string Name => BotName;

    /// <inheritdoc />
    public string Queue { get; } = options.Value.Queue;

    /// <inheritdoc />
    public IReadOnlyList<IDeliveryStep> DeliverySteps { get; } = [.. steps];

    /// <inheritdoc />
    public Task<BotDecision> DecideAsync(BotInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Timescale.TimescaleSweepStep.IsSweep(input.Item.PayloadJson))
        {
            return Task.FromResult(BotDecision.Propose("timescale-sweep", input.Item.PayloadJson, 1));
        }

        try
        {
            var request = UpdateRequest.FromJson(input.Item.PayloadJson);
            return Task.FromResult(BotDecision.Propose(request.TouchPoint.ToString(), request.ToJson(), 1));
        }
        catch (JsonException exception)
        {
            return Task.FromResult(BotDecision.RuleSaysNo($"The item is not an update request: {exception.Message}"));
        }
    }
}
