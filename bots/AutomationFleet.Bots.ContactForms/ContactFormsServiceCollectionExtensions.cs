using AutomationFleet.Bots.ContactForms.Review;
using AutomationFleet.Connectors.CaseNotes;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.PublicStatus;
using AutomationFleet.Core.Review.Forms;
using AutomationFleet.Matching.Index;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.ContactForms;

public static class ContactFormsServiceCollectionExtensions
{
    /// <summary>
    /// Does nothing unless configuration has a <c>ContactForms</c> section (and <c>ContactForms:Enabled</c> is not false).
    /// Otherwise registers the contact-form bot, its options (validated at start, <c>ContactForms:NewPerson</c> included), the
    /// fleet's person index (<c>AddPersonIndex</c>, settings <c>CaseRecords</c>: loaded from <c>CaseRecords:IndexPath</c>
    /// at start, built from the case-record extract when missing or older than it; shared with other bots), the
    /// case-note connector (<c>CaseManagement</c>, which also opens new people) and the bot's review form.
    /// </summary>
    public static IServiceCollection AddContactFormBot(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!BotConfiguration.IsEnabled(configuration, ContactFormsOptions.SectionName))
        {
            return services;
        }

        services.AddOptions<ContactFormsOptions>().BindConfiguration(ContactFormsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ContactFormsOptions>, ContactFormsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddCaseNotes(configuration);
        services.AddPersonIndex();
        services.TryAddSingleton<PersonIndexFinder>();
        services.TryAddSingleton<IPersonFinder>(sp => sp.GetRequiredService<PersonIndexFinder>());
        services.AddSingleton<IBot, ContactFormBot>();
        services.AddSingleton<IPublicStatusReader, ContactFormStatusReader>();
        return services.AddContactFormReviewForm();
    }

    /// <summary>The bot's review form alone, for a host that runs the portal without the bot (<c>fleet portal</c>).</summary>
    public static IServiceCollection AddContactFormReviewForm(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReviewForm, ContactFormReviewForm>());
        return services;
    }
}
