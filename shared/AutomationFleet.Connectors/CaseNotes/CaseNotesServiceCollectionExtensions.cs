using AutomationFleet.Core.Resilience;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Connectors.CaseNotes;

/// <summary>Registers the case-note connector.</summary>
public static class CaseNotesServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ICaseNoteWriter"/>, <see cref="ICaseRecordCreator"/> and the worker's one <see cref="CaseManagementBrowser"/> (singletons; the
    /// browser is launched on first use and closed with the host), <see cref="CaseManagementOptions"/> bound from
    /// <c>CaseManagement</c> and validated at start, and the fleet's pipelines with <see cref="CaseManagementFaults.IsTransient"/>
    /// as the <c>web</c> pipeline's idea of a transient fault. Needs an <c>IBlobStore</c> for failure artefacts.
    /// A bot builds its <see cref="CaseNoteStep"/> from the writer, and its <see cref="NewPersonStep"/> from both.
    /// </summary>
    public static IServiceCollection AddCaseNotes(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CaseManagementOptions>()
            .Bind(configuration.GetSection(CaseManagementOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CaseManagementOptions>, CaseManagementOptionsValidator>());
        services.TryAddSingleton<CaseManagementBrowser>();
        services.TryAddSingleton<ICaseNoteWriter, CaseNoteWriter>();
        services.TryAddSingleton<ICaseRecordCreator, CaseRecordCreator>();
        services.AddFleetPipelines();
        services.AddTransientFaultFilter(FleetPipelines.Web, CaseManagementFaults.IsTransient);
        return services;
    }
}
