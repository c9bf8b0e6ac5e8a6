using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AutomationFleet.Worker.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    public static IServiceCollection AddFleetScheduling(this IServiceCollection services, IConfiguration configuration) => services;
}
