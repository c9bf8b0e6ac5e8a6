using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Resilience;

namespace AutomationFleet.Worker.Tests.Hosting;

/// <summary>A bot for host tests: decides with full confidence (or throws for one reference), one delivery step.</summary>
internal sealed class TestBot(string queue, TimeSpan stepDuration, string? throwFor = null) : IBot, IDeliveryStep
{
    private int _started;

    public string Name => queue;

    public string Queue => queue;

    public IReadOnlyList<IDeliveryStep> DeliverySteps => [this];

    public int StepsStarted => Volatile.Read(ref _started);

    string IDeliveryStep.Name => "note";

    public bool IsIdempotent => true;

    public string Pipeline => FleetPipelines.Delivery;

    public Task<BotDecision> DecideAsync(BotInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Item.Reference == throwFor)
        {
            throw new InvalidOperationException("test bot fault");
        }

        return Task.FromResult(BotDecision.Propose("c", "{}", 1.0));
    }

    public async Task<string?> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _started);
        await Task.Delay(stepDuration, cancellationToken);
        return null;
    }
}
