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
    /// from <c>Mail:Imap</c> and <see cref="MailResilienceOptions"/> from <c>Mail:Resilience</c> (both
    /// validated at start). Needs an <c>IWorkQueue</c> and an <c>IBlobStore</c> (e.g. <c>AddSqliteFleetStore</c>).
    /// The source does nothing unless <c>Mail:Imap:Enabled</c> is true.
    /// </summary>
    public static IServiceCollection AddImapMailboxSource(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddMailResilience(configuration);
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
    /// bound from <c>Mail:Smtp</c> and <see cref="MailResilienceOptions"/> from <c>Mail:Resilience</c>, validated
    /// at start. <see cref="EmailToServiceStep"/> needs an <c>IBlobStore</c>.
    /// </summary>
    public static IServiceCollection AddSmtpMail(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddMailResilience(configuration);
        services.AddOptions<SmtpOptions>()
            .Bind(configuration.GetSection(SmtpOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>());
        services.TryAddSingleton<SmtpMailSender>();
        services.TryAddSingleton<EmailToServiceStep>();
        services.TryAddSingleton<AcknowledgementStep>();
        return services;
    }

    private static void AddMailResilience(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MailResilienceOptions>()
            .Bind(configuration.GetSection(MailResilienceOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MailResilienceOptions>, MailResilienceOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MailResilience>();
    }
}
