using AutomationFleet.Bots.IncidentReports.Deduplication;
using AutomationFleet.Bots.IncidentReports.Escalation;
using AutomationFleet.Bots.IncidentReports.Review;
using AutomationFleet.Bots.IncidentReports.Triage;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Incidents;
using AutomationFleet.Core.PublicStatus;
using AutomationFleet.Core.Review.Forms;
using AutomationFleet.Matching.Index;
using AutomationFleet.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.IncidentReports;

public static class IncidentReportsServiceCollectionExtensions
{
    /// <summary>
    /// Does nothing unless configuration has an <c>IncidentReports</c> section (and <c>IncidentReports:Enabled</c> is not
    /// false). Otherwise registers the incident-report bot and its escalation bot, their options (validated at start,
    /// with the allocation config, gazetteer and person-team export they name), the reference data (loaded once), the
    /// text embedder ("similar text" for de-duplication), the shared person index, and the bot's review form. The host
    /// registers the store (<see cref="IIncidentStore"/>).
    /// </summary>
    public static IServiceCollection AddIncidentReportBot(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!BotConfiguration.IsEnabled(configuration, IncidentReportsOptions.SectionName))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddFleetTextEmbeddings();
        services.AddPersonIndex();
        services.TryAddSingleton(sp => new DuplicateFinder(
            sp.GetRequiredService<ITextEmbedder>(), DuplicateWords.From(sp.GetRequiredService<IOptions<IncidentReportsOptions>>().Value)));
        services.TryAddSingleton(sp => new IncidentTriage(
            sp.GetRequiredService<IncidentReferenceData>(),
            sp.GetRequiredService<IIncidentStore>(),
            sp.GetRequiredService<DuplicateFinder>(),
            sp.GetService<PersonIndexHolder>(),
            sp.GetRequiredService<IOptions<IncidentReportsOptions>>().Value));
        services.AddSingleton<IBot, IncidentReportBot>();
        services.AddSingleton<IPublicStatusReader, IncidentReportStatusReader>();
        services.AddSingleton<IBot, IncidentEscalationBot>();
        return services.AddIncidentReviewForm();
    }

    /// <summary>
    /// The bot's review form alone (<see cref="IncidentReviewForm"/> as an <see cref="IReviewForm"/>, with its options and
    /// reference data), for a host that runs the portal without the bot. The host registers the store.
    /// </summary>
    public static IServiceCollection AddIncidentReviewForm(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<IncidentReportsOptions>().BindConfiguration(IncidentReportsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IncidentReportsOptions>, IncidentReportsOptionsValidator>());
        services.TryAddSingleton(sp => IncidentReferenceData.Load(sp.GetRequiredService<IOptions<IncidentReportsOptions>>().Value));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReviewForm, IncidentReviewForm>());
        return services;
    }
}
