using AutomationFleet.Core.Metrics;
using AutomationFleet.Core.WorkItems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using AutomationFleet.Portal.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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
    /// each scrape. Only for a signed-in account or a scraper with <see cref="PortalOptions.MetricsScrapeToken"/>
    /// (<see cref="MetricsAccess"/>); anyone else gets 401. The health checks stay open.
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
        if (!MetricsAccess.Allows(context, services.GetRequiredService<IOptions<PortalOptions>>().Value.MetricsScrapeToken))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"fleet-metrics\"";
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        if (services.GetService<IFleetMetrics>() is not { } metrics || services.GetService<IWorkQueue>() is not { } queue)
        {
            return Results.Problem("The store's metrics are not available in this process.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        await services.GetRequiredService<FleetMeter>().RefreshAsync(queue, metrics, cancellationToken);
        return Results.Text(PrometheusExposition.Write(FleetMeter.MeterName), PrometheusExposition.ContentType);
    }
}
