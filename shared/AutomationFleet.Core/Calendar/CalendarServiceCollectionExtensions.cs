using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AutomationFleet.Core.Calendar;

/// <summary>Registers the fleet's one calendar.</summary>
public static class CalendarServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="WorkingDayCalendar"/> from <c>Scheduling:TimeZone</c> and <c>Scheduling:ExtraBankHolidays</c>, and
    /// <see cref="CaseTimescales"/> on it; once, whoever calls first (the worker, the public site, the updates bot).
    /// </summary>
    public static IServiceCollection AddFleetCalendar(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(_ => WorkingDayCalendar.From(configuration));
        services.TryAddSingleton(sp => CaseTimescales.From(configuration, sp.GetRequiredService<WorkingDayCalendar>()));
        return services;
    }
}
