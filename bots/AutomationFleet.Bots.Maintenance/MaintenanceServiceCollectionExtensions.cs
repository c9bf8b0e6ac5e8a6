using AutomationFleet.Bots.Maintenance.Digest;
using AutomationFleet.Bots.Maintenance.Retention;
using AutomationFleet.Bots.Maintenance.Sla;
using AutomationFleet.Connectors.Mail;
using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Metrics;
using AutomationFleet.Core.Retention;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.Users;
using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.Maintenance;

public static class MaintenanceServiceCollectionExtensions
{
    /// <summary>
    /// Does nothing unless configuration has a <c>Maintenance</c> section (and <c>Maintenance:Enabled</c> is not false).
    /// Otherwise registers the maintenance bot, its options and the retention policies (both validated at start, every
    /// bad setting named) and its delivery steps. The host registers the store, the blob store and (optionally) the SMTP
    /// sender.
    /// </summary>
    public static IServiceCollection AddMaintenanceBot(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!BotConfiguration.IsEnabled(configuration, MaintenanceOptions.SectionName))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<MaintenanceOptions>().BindConfiguration(MaintenanceOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MaintenanceOptions>, MaintenanceOptionsValidator>());
        services.AddRetentionPolicies();
        services.AddSingleton<IBot>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MaintenanceOptions>>();
            var queue = sp.GetRequiredService<IWorkQueue>();
            IDeliveryStep[] steps =
            [
                new EnqueueDigestsStep(queue, options.Value.Queue),
                new DigestMailStep(sp.GetService<SmtpMailSender>(), options.Value),
                new EscalateReviewsStep(sp.GetRequiredService<IReviewSlaStore>()),
                new RetentionPurgeStep(
                    queue, sp.GetRequiredService<IRetentionStore>(), sp.GetRequiredService<IBlobStore>(), sp.GetRequiredService<IUserStore>(),
                    sp.GetRequiredService<ILogger<RetentionPurgeStep>>()),
            ];
            return new MaintenanceBot(
                sp.GetRequiredService<IUserStore>(),
                sp.GetRequiredService<IReviewSlaStore>(),
                sp.GetRequiredService<IRetentionStore>(),
                new DigestComposer(sp.GetRequiredService<IReviewQueue>(), sp.GetRequiredService<IFleetMetrics>(), options.Value),
                options,
                sp.GetRequiredService<IOptions<RetentionOptions>>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<MaintenanceBot>>(),
                steps);
        });
        return services;
    }

    /// <summary>The <c>Retention</c> section, validated at start (the portal's retention page registers it too).</summary>
    public static IServiceCollection AddRetentionPolicies(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>());
        return services;
    }
}
