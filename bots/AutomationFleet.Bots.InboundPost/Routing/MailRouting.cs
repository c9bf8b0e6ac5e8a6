using AutomationFleet.Connectors.Mail;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.InboundPost.Routing;

/// <summary>
/// Chooses, once when the bot is built, how <c>email</c> routes are delivered and whether senders are acknowledged:
/// by SMTP when the mail connector is registered (<c>AddSmtpMail</c>) and <c>Mail:Smtp:Enabled</c> is true, otherwise
/// into the drop folder <c>{DropFolder}/outbox-mail/{service}</c>. Says which in the log.
/// </summary>
internal static class MailRouting
{
    public static IRouteStepFactory CreateFactory(IServiceProvider services)
    {
        var fallback = services.GetRequiredService<RouteStepFactory>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MailRouting).FullName!);
        if (SmtpEnabled(services) && services.GetService<EmailToServiceStep>() is { } email)
        {
            logger.LogInformation(
                "Inbound post: e-mail routes are sent by SMTP to the service mailboxes; redirect routes answer e-mailed post by mail");
            return new MailRouteStepFactory(fallback, email, services.GetRequiredService<SmtpMailSender>());
        }

        var folder = Path.Combine(services.GetRequiredService<IOptions<InboundPostOptions>>().Value.DropFolder, RouteStepFactory.MailOutboxFolder);
        logger.LogInformation(
            "Inbound post: {Setting} is false, so e-mail routes are written to the drop folder {Folder} instead of being sent, and redirect routes write letters",
            $"{SmtpOptions.SectionName}:Enabled",
            folder);
        return fallback;
    }

    public static SenderAcknowledgement CreateAcknowledgement(IServiceProvider services)
    {
        if (!services.GetRequiredService<IOptions<InboundPostOptions>>().Value.AcknowledgeSenders)
        {
            return SenderAcknowledgement.None;
        }

        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MailRouting).FullName!);
        if (SmtpEnabled(services) && services.GetService<AcknowledgementStep>() is { } acknowledgement)
        {
            logger.LogInformation("Inbound post: senders of e-mailed post are acknowledged with the item's reference");
            return new SenderAcknowledgement(acknowledgement);
        }

        logger.LogWarning(
            "Inbound post: {Setting} is true but {SmtpSetting} is false; no acknowledgements are sent",
            $"{InboundPostOptions.SectionName}:AcknowledgeSenders",
            $"{SmtpOptions.SectionName}:Enabled");
        return SenderAcknowledgement.None;
    }

    private static bool SmtpEnabled(IServiceProvider services) =>
        services.GetService<SmtpMailSender>() is { Enabled: true };
}
