using AutomationFleet.Core.Metrics;
using AutomationFleet.Core.WorkItems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AutomationFleet.Portal.Admin;

/// <summary>The admin console's services and its one non-page endpoint, <c>/metrics</c>.</summary>
public static class AdminEndpoints
{
    /// <summary>Registers the fleet meter (the store's contracts and the clock must already be registered).</summary>
    public static IServiceCollection AddFleetAdmin(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(provider => new FleetMeter(provider.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>
    /// <c>/metrics</c>: the <see cref="FleetMeter.MeterName"/> meter in Prometheus text, refreshed from the store on
    /// each scrape. Anonymous, like the health checks: it carries counts and ages only, never an item or a person,
    /// and the portal binds to 127.0.0.1 by default.
    /// </summary>
    public static IEndpointRouteBuilder MapFleetAdmin(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/metrics", ServeMetricsAsync).AllowAnonymous();
        return endpoints;
    }

    // Resolved by hand: a host that does not hand over IFleetMetrics still starts, and /metrics answers 503.
    private static async Task<IResult> ServeMetricsAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var services = context.RequestServices;
        if (services.GetService<IFleetMetrics>() is not { } metrics || services.GetService<IWorkQueue>() is not { } queue)
        {
            return Results.Problem("The store's metrics are not available in this process.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        await services.GetRequiredService<FleetMeter>().RefreshAsync(queue, metrics, cancellationToken);
        return Results.Text(PrometheusExposition.Write(FleetMeter.MeterName), PrometheusExposition.ContentType);
    }
}
