using System.Text.Json;
using AutomationFleet.Connectors.Mail;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Resilience;

namespace AutomationFleet.Bots.Maintenance.Digest;

/// <summary>
/// Mails one supervisor their digest. Not idempotent, as every mail step (a mail cannot be unsent): the ledger runs it
/// once per item, and the item's reference (<c>digest:NAME:yyyy-MM-dd</c>) is unique, so its key
/// (<c>digest:NAME:yyyy-MM-dd#digest-mail</c>, also the mail's Message-Id) makes one mail per supervisor per day; a worker
/// cut off mid-send sends the item to a person instead of sending again. Without mail set up (<c>Mail:Smtp:Enabled</c>
/// false, as in the embedded default) the step records that it sent nothing.
/// </summary>
public sealed class DigestMailStep(SmtpMailSender? sender, MaintenanceOptions options) : IDeliveryStep
{
    public const string StepName = "digest-mail";

    public string Name => StepName;

    public bool IsIdempotent => false;

    public string Pipeline => FleetPipelines.Mail;

    public async Task<string?> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (MaintenanceBot.OutcomeOf(context.Outcome.OutcomeJson).Digest is not { } digest)
        {
            return null;
        }

        if (sender is not { Enabled: true })
        {
            return JsonSerializer.Serialize(new { skipped = "mail is not set up (Mail:Smtp:Enabled is false)" });
        }

        if (digest.Address is null)
        {
            return JsonSerializer.Serialize(new { skipped = "the account is not an e-mail address and Maintenance:DigestMailDomain is empty" });
        }

        var message = DigestMail.Create(digest, options.SlaLeadTime, options.DigestWindow);
        var sent = await sender.SendAsync(message, context.IdempotencyKey, cancellationToken);
        return JsonSerializer.Serialize(new { messageId = sent.MessageId });
    }
}
