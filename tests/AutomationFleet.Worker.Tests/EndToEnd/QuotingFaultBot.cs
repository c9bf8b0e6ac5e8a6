using System.Text.Json;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Resilience;

namespace AutomationFleet.Worker.Tests.EndToEnd;

/// <summary>
/// A bot that faults the way parsers and receiving systems do: the exception's message (and its inner exception's)
/// quotes the text it was given. Deciding a payload with <c>"fault": "decide"</c> throws; any other payload is proposed
/// and its delivery step throws. Exercises the runner's and consumer's fault logging, which every real bot shares.
/// </summary>
internal sealed class QuotingFaultBot : IBot, IDeliveryStep
{
    public const string QueueName = "quoting-faults";

    public string Name => QueueName;

    public string Queue => QueueName;

    public IReadOnlyList<IDeliveryStep> DeliverySteps => [this];

    string IDeliveryStep.Name => "answer";

    public bool IsIdempotent => true;

    public string Pipeline => FleetPipelines.Delivery;

    public Task<BotDecision> DecideAsync(BotInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var payload = JsonDocument.Parse(input.Item.PayloadJson);
        var text = payload.RootElement.GetProperty("text").GetString();
        if (payload.RootElement.GetProperty("fault").GetString() == "decide")
        {
            throw new FormatException($"Unexpected text '{text}' in the form", new JsonException($"near '{text}'"));
        }

        return Task.FromResult(BotDecision.Propose("c", JsonSerializer.Serialize(new { text }), 1.0));
    }

    public Task<string?> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        throw new InvalidOperationException(
            $"The receiving system answered: no case for {context.Outcome.OutcomeJson}",
            new AggregateException(new IOException($"write of {context.Outcome.OutcomeJson} failed")));
    }
}
