using AutomationFleet.Bots.Updates.Channels;
using AutomationFleet.Bots.Updates.OptOut;
using AutomationFleet.Bots.Updates.Timescale;
using AutomationFleet.Connectors.Mail;
using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.Calendar;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Updates;
using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.Updates;

/// <summary>Registers proactive updates.</summary>
public static class UpdatesServiceCollectionExtensions
{
    /// <summary>
    /// The <c>Updates</c> options (validated at start, every bad setting named by path) and <see cref="ItemUpdates"/>, which
    /// the runner raises touch points through. With <c>Updates:Enabled</c> true, also the updates bot, its channel (e-mail,
    /// or GOV.UK Notify by <c>Updates:Channel</c>) and the opt-out token signer. The host registers the store and (optionally)
    /// the SMTP sender.
    /// </summary>
    public static IServiceCollection AddUpdates(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<UpdatesOptions>().BindConfiguration(UpdatesOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UpdatesOptions>, UpdatesOptionsValidator>());
        services.TryAddSingleton<ItemUpdates>();
        services.AddFleetCalendar(configuration);
        if (!configuration.GetSection(UpdatesOptions.SectionName).GetValue<bool>(nameof(UpdatesOptions.Enabled)))
        {
            return services;
        }

        services.AddUpdateOptOut();
        services.TryAddSingleton<IUpdateChannel>(sp =>
            sp.GetRequiredService<IOptions<UpdatesOptions>>().Value.Channel == UpdatesOptions.NotifyChannel
                ? new NotifyUpdateChannel(sp.GetRequiredService<IOptions<UpdatesOptions>>())
                : new EmailUpdateChannel(sp.GetService<SmtpMailSender>(), sp.GetRequiredService<IOptions<UpdatesOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IBot>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<UpdatesOptions>>();
            var time = sp.GetRequiredService<TimeProvider>();
            IDeliveryStep[] steps =
            [
                new TimescaleSweepStep(
                    sp.GetRequiredService<IWorkQueue>(), sp.GetRequiredService<IUpdateStore>(), sp.GetRequiredService<ItemUpdates>(), options, sp.GetRequiredService<CaseTimescales>(), time),
                new SendUpdateStep(
                    sp.GetRequiredService<IWorkQueue>(), sp.GetRequiredService<IUpdateStore>(), sp.GetRequiredService<IBlobStore>(), sp.GetRequiredService<IUpdateChannel>(),
                    sp.GetRequiredService<OptOutToken>(), options, time, sp.GetRequiredService<ILogger<SendUpdateStep>>()),
            ];
            return new UpdatesBot(options, steps);
        });
        return services;
    }

    /// <summary>What <see cref="UpdateOptOutEndpoints.MapUpdateOptOut"/> needs beside the store: the token signer, from <c>Updates:OptOutKey</c>.</summary>
    public static IServiceCollection AddUpdateOptOut(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new OptOutToken(sp.GetRequiredService<IOptions<UpdatesOptions>>().Value.OptOutKey));
        return services;
    }
}
