using AutomationFleet.Core.Delivery;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AutomationFleet.Connectors.Mail;

/// <summary>
/// Replies to the sender of an inbound message: "we received your letter, reference AF-000123"
/// (wording from <see cref="SmtpOptions.AcknowledgementSubject"/> and <see cref="SmtpOptions.AcknowledgementBody"/>).
/// Goes to the Reply-To address, else From; threaded under the original with In-Reply-To. An item
/// without an inbound-mail payload or without a sender address is skipped.
/// </summary>
public sealed class AcknowledgementStep : IDeliveryStep
{
    /// <summary>The step's name (part of its idempotency key).</summary>
    public const string StepName = "acknowledge";

    private readonly SmtpMailSender _sender;
    private readonly SmtpOptions _options;

    /// <summary>Creates the step.</summary>
    public AcknowledgementStep(SmtpMailSender sender, IOptions<SmtpOptions> options)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(options);
        _sender = sender;
        _options = options.Value;
    }

    /// <inheritdoc />
    public string Name => StepName;

    /// <summary>False: a mail cannot be unsent, so a step interrupted mid-send goes to a person.</summary>
    public bool IsIdempotent => false;

    /// <inheritdoc />
    public string Pipeline => "mail";

    /// <inheritdoc />
    public async Task<string?> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var payload = InboundMailPayload.FromJson(context.Item.PayloadJson);
        if (payload is null)
        {
            return MailDeliveryResult.Skipped("The item did not come from a mailbox.");
        }

        if (payload.AcknowledgementAddress is not { } address || !MailboxAddress.TryParse(address, out var recipient))
        {
            return MailDeliveryResult.Skipped("The message has no usable sender address.");
        }

        var reference = CitizenReference.For(context.Item);
        var message = new MimeMessage();
        message.To.Add(recipient);
        message.Subject = _options.AcknowledgementSubject.Replace("{Reference}", reference, StringComparison.Ordinal);
        if (payload.MessageId is { } original)
        {
            message.InReplyTo = original;
            message.References.Add(original);
        }

        message.Body = new TextPart("plain")
        {
            Text = _options.AcknowledgementBody.Replace("{Reference}", reference, StringComparison.Ordinal),
        };
        var result = await _sender.SendAsync(message, context.IdempotencyKey, cancellationToken);
        return MailDeliveryResult.Sent(result);
    }
}
