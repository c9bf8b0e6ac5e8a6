using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Delivery;

namespace AutomationFleet.Core.Tests.Fakes;

internal sealed class TestBot(Func<BotInput, BotDecision> decide, params IDeliveryStep[] steps) : IBot
{
    public int Decisions { get; private set; }

    /// <summary>What <see cref="CompleteReviewedOutcome"/> does; by default nothing (the interface's default).</summary>
    public Func<string, string>? Complete { get; init; }

    /// <summary>What <see cref="ServiceOf"/> answers; by default null (the interface's default).</summary>
    public Func<string, string?>? Service { get; init; }

    public string Name => "test-bot";

    public string Queue => "q";

    public IReadOnlyList<IDeliveryStep> DeliverySteps => steps;

    public Task<BotDecision> DecideAsync(BotInput input, CancellationToken cancellationToken)
    {
        Decisions++;
        return Task.FromResult(decide(input));
    }

    public string CompleteReviewedOutcome(string outcomeJson) => Complete is null ? outcomeJson : Complete(outcomeJson);

    public string? ServiceOf(string outcomeJson) => Service?.Invoke(outcomeJson);
}
