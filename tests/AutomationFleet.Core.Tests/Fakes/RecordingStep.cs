using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Resilience;

namespace AutomationFleet.Core.Tests.Fakes;

internal sealed class RecordingStep(string name, bool idempotent = true, int failTimes = 0, Func<Exception>? failure = null) : IDeliveryStep
{
    private int _failuresLeft = failTimes;

    public List<DeliveryContext> Delivered { get; } = [];

    public int Attempts { get; private set; }

    public string Name => name;

    public bool IsIdempotent => idempotent;

    public string Pipeline => FleetPipelines.Delivery;

    public Task<string?> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        Attempts++;
        if (_failuresLeft-- > 0)
        {
            throw failure?.Invoke() ?? new IOException("receiving system down");
        }

        Delivered.Add(context);
        return Task.FromResult<string?>("{\"ok\":true}");
    }
}
