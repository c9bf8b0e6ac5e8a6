using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Delivery;

namespace AutomationFleet.Core.Tests.Fakes;

internal sealed class TestBot(Func<BotInput, BotDecision> decide, params IDeliveryStep[] steps) : IBot
{
    public int Decisions { get; private set; }

    public string Name => "test-bot";

    public string Queue => "q";

    public IReadOnlyList<IDeliveryStep> DeliverySteps => steps;

    public Task<BotDecision> DecideAsync(BotInput input, CancellationToken cancellationToken)
    {
        Decisions++;
        return Task.FromResult(decide(input));
    }
}
