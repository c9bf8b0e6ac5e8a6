using System.Text.Json;
using System.Text.Json.Nodes;
using AutomationFleet.Bots.InboundPost.Taxonomy;
using AutomationFleet.Connectors.Mail;
using AutomationFleet.Core.Delivery;
using MimeKit;

namespace AutomationFleet.Bots.InboundPost.Routing;

/// <summary>
/// A <c>redirect</c> route with SMTP on: post that came by e-mail is answered by mail to its sender (Reply-To, else From,
/// threaded under their message) with the destination's wording; anything else — post from the inbox folder, or a
/// message without a usable sender — gets the letter in the drop folder (<see cref="RedirectLetterStep"/>). The mail
/// carries the item's idempotency key and a Message-ID derived from it, like every mail the fleet sends.
/// </summary>
public sealed class RedirectMailStep(TaxonomyCategory category, RedirectLetterStep letter, SmtpMailSender sender) : IDeliveryStep
{
    private readonly RedirectDestinations _redirects = category?.Route.Redirects
        ?? throw new ArgumentException($"The category '{category?.Id}' has no redirect destinations.", nameof(category));

    public string Name => letter.Name;

    /// <summary>False: a mail cannot be unsent, so a step cut off mid-send goes to a person rather than mail twice.</summary>
    public bool IsIdempotent => false;

    public string Pipeline => "mail";

    public async Task<string?> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var payload = InboundMailPayload.FromJson(context.Item.PayloadJson);
        if (payload?.AcknowledgementAddress is not { } address || !MailboxAddress.TryParse(address, out var recipient))
        {
            return await letter.DeliverAsync(context, cancellationToken);
        }

        var outcome = JsonNode.Parse(context.Outcome.OutcomeJson) as JsonObject ?? [];
        var destination = RedirectOutcome.DestinationOf(outcome, _redirects);
        var reference = CitizenReference.For(context.Item);
        var message = new MimeMessage { Subject = _redirects.SubjectFor(destination, reference) };
        message.To.Add(recipient);
        if (payload.MessageId is { } original)
        {
            message.InReplyTo = original;
            message.References.Add(original);
        }

        message.Body = new TextPart("plain") { Text = _redirects.TextFor(destination, reference) };
        var sent = await sender.SendAsync(message, context.IdempotencyKey, cancellationToken);
        return JsonSerializer.Serialize(new { delivery = "email", destination = destination.Id, messageId = sent.MessageId });
    }
}
