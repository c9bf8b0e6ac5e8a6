using AutomationFleet.Bots.FinancialAssessments.Letters;
using AutomationFleet.Bots.FinancialAssessments.Rates;
using AutomationFleet.Bots.FinancialAssessments.Review;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.PublicStatus;
using AutomationFleet.Core.Review.Forms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.FinancialAssessments;

public static class FinancialAssessmentsServiceCollectionExtensions
{
    /// <summary>
    /// Does nothing unless configuration has a <c>FinancialAssessments</c> section (and <c>FinancialAssessments:Enabled</c>
    /// is not false). Otherwise registers the financial-assessment bot, its options (validated at start: local policy,
    /// rates folder, letter and fonts), the assessor (the rates loaded once), the letter writer and the bot's review form.
    /// </summary>
    public static IServiceCollection AddFinancialAssessmentBot(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!BotConfiguration.IsEnabled(configuration, FinancialAssessmentsOptions.SectionName))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ChargeLetterWriter(sp.GetRequiredService<IOptions<FinancialAssessmentsOptions>>().Value.Letter));
        services.AddSingleton<IBot, FinancialAssessmentBot>();
        services.AddSingleton<IPublicStatusReader, FinancialAssessmentStatusReader>();
        return services.AddFinancialAssessmentReviewForm();
    }

    /// <summary>The bot's review form alone (with its options and assessor), for a host that runs the portal without the bot (<c>fleet portal</c>).</summary>
    public static IServiceCollection AddFinancialAssessmentReviewForm(this IServiceCollection services)
    {
        services.AddOptions<FinancialAssessmentsOptions>().BindConfiguration(FinancialAssessmentsOptions.SectionName)
            .PostConfigure(o => o.RatesDirectory = FinancialAssessmentsOptions.ResolveRatesDirectory(o.RatesDirectory))
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FinancialAssessmentsOptions>, FinancialAssessmentsOptionsValidator>());
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<FinancialAssessmentsOptions>>().Value;
            return new ChargeAssessor(ChargingRates.Load(options.RatesDirectory), options.LocalPolicy);
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReviewForm, FinancialAssessmentReviewForm>());
        return services;
    }
}
