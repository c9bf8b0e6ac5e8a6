using AutomationFleet.Core.Resilience;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Connectors.Mail;

/// <summary>Registers the mail connectors.</summary>
public static class MailServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ImapMailboxSource"/> as a hosted service, with <see cref="ImapMailboxOptions"/> bound
    /// from <c>Mail:Imap</c> (validated at start), and the fleet's named pipelines (<see cref="FleetPipelines.AddFleetPipelines"/>,
    /// settings <c>Resilience:Imap</c>; binding that section is the host's job) with <see cref="MailFaults.IsTransient"/>
    /// as their idea of a transient fault. Needs an <c>IWorkQueue</c> and an <c>IBlobStore</c> (e.g. <c>AddFleetStore</c>).
    /// The source does nothing unless <c>Mail:Imap:Enabled</c> is true.
    /// </summary>
    public static IServiceCollection AddImapMailboxSource(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddMailPipelines();
        services.AddOptions<ImapMailboxOptions>()
            .Bind(configuration.GetSection(ImapMailboxOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ImapMailboxOptions>, ImapMailboxOptionsValidator>());
        services.AddHostedService<ImapMailboxSource>();
        return services;
    }

    /// <summary>
    /// Adds <see cref="SmtpMailSender"/>, <see cref="EmailToServiceStep"/> and <see cref="AcknowledgementStep"/>
    /// as singletons (a bot lists the steps it wants in its <c>DeliverySteps</c>), with <see cref="SmtpOptions"/>
    /// bound from <c>Mail:Smtp</c> (validated at start), and the fleet's named pipelines (settings <c>Resilience:SmtpConnection</c>
    /// and <c>Resilience:Mail</c>) with <see cref="MailFaults.IsTransient"/> as their idea of a transient fault. <see cref="EmailToServiceStep"/> needs an <c>IBlobStore</c>.
    /// </summary>
    public static IServiceCollection AddSmtpMail(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddMailPipelines();
        services.AddOptions<SmtpOptions>()
            .Bind(configuration.GetSection(SmtpOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>());
        services.TryAddSingleton<SmtpMailSender>();
        services.TryAddSingleton<EmailToServiceStep>();
        services.TryAddSingleton<AcknowledgementStep>();
        return services;
    }

    private static void AddMailPipelines(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddFleetPipelines();
        foreach (var pipeline in MailFaults.Pipelines)
        {
            services.AddTransientFaultFilter(pipeline, MailFaults.IsTransient);
        }
    }
}
