using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Matching.Index;

/// <summary>Registers the fleet's one person index.</summary>
public static class PersonIndexServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="CaseRecordsOptions"/> bound from the <c>CaseRecords</c> section (validated at start by
    /// <see cref="CaseRecordsOptionsValidator"/>; binding reads the host's <c>IConfiguration</c>), the
    /// <see cref="PersonIndexHolder"/> the bots read the index from, and the <see cref="PersonIndexLoader"/> that
    /// fills it at start and keeps it current. Every bot that matches people calls this; the second and later calls add
    /// nothing, so the fleet loads one index and runs one loader however many bots use it.
    /// </summary>
    public static IServiceCollection AddPersonIndex(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var validator = ServiceDescriptor.Singleton<IValidateOptions<CaseRecordsOptions>, CaseRecordsOptionsValidator>();
        if (services.Any(d => d.ServiceType == validator.ServiceType && d.ImplementationType == validator.ImplementationType))
        {
            // Already added by another bot. The options binding and start-up check below are not TryAdd-able
            // (each call binds and validates again), hence this guard rather than TryAdd alone.
            return services;
        }

        // No data annotations: the validator names each setting by its path (CaseRecords:Path), which the
        // annotations' messages ("The Path field is required.") do not.
        services.AddOptions<CaseRecordsOptions>().BindConfiguration(CaseRecordsOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(validator);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PersonIndexHolder>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PersonIndexLoader>());
        return services;
    }
}
