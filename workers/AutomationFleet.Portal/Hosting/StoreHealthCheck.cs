using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AutomationFleet.Portal.Hosting;

/// <summary>Ready when the store answers a read (one lookup by the unique reference index).</summary>
internal sealed class StoreHealthCheck(IWorkQueue queue) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await queue.FindAsync("health:probe", cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The store did not answer.", exception);
        }
    }
}
