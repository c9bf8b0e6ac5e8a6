using System.Text;
using System.Text.Json;
using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.WorkItems;
using MimeKit;

namespace AutomationFleet.Connectors.Mail;

/// <summary>
/// Forwards an item's documents to the receiving service's mailbox. The mailbox comes from the decided
/// outcome's <c>serviceMailbox</c> property (routing is the bot's decision); an outcome without one
/// is not for this step and is skipped. Subject: <c>[AF-000123] Inbound post</c> (plus <c>: category</c>
/// when the outcome has a <c>category</c>); body: the references and the message's text; attachments:
/// the PDFs and images, or the original message when there are none.
/// </summary>
public sealed class EmailToServiceStep : IDeliveryStep
{
    /// <summary>The step's name (part of its idempotency key).</summary>
    public const string StepName = "email-to-service";

    private readonly SmtpMailSender _sender;
    private readonly IBlobStore _blobs;

    /// <summary>Creates the step.</summary>
    public EmailToServiceStep(SmtpMailSender sender, IBlobStore blobs)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(blobs);
        _sender = sender;
        _blobs = blobs;
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
        var (serviceMailbox, category) = ReadOutcome(context.Outcome.OutcomeJson);
        if (serviceMailbox is null)
        {
            return MailDeliveryResult.Skipped("The outcome names no serviceMailbox.");
        }

        var item = context.Item;
        var citizenReference = CitizenReference.For(item);
        var message = new MimeMessage();
        message.To.Add(serviceMailbox);
        message.Subject = category is null ? $"[{citizenReference}] Inbound post" : $"[{citizenReference}] Inbound post: {category}";

        var body = new StringBuilder()
            .Append("Reference: ").AppendLine(citizenReference)
            .Append("Item: ").AppendLine(item.Reference)
            .Append("Decided by: ").AppendLine(context.Outcome.DecidedBy);
        var builder = new BodyBuilder();
        var documents = item.Attachments.Where(IsDocument).ToList();
        if (documents.Count == 0)
        {
            documents = item.Attachments.Where(attachment => attachment.MediaType == "message/rfc822").ToList();
        }

        foreach (var attachment in documents)
        {
            builder.Attachments.Add(attachment.Name, await ReadAsync(attachment, cancellationToken), ContentType.Parse(attachment.MediaType));
        }

        if (item.Attachments.FirstOrDefault(attachment => attachment.MediaType == "text/plain") is { } text)
        {
            body.AppendLine().Append(Encoding.UTF8.GetString(await ReadAsync(text, cancellationToken)));
        }

        builder.TextBody = body.ToString();
        message.Body = builder.ToMessageBody();
        var result = await _sender.SendAsync(message, context.IdempotencyKey, cancellationToken);
        return MailDeliveryResult.Sent(result);
    }

    private static bool IsDocument(AttachmentRef attachment) =>
        attachment.MediaType == "application/pdf" || attachment.MediaType.StartsWith("image/", StringComparison.Ordinal);

    private async Task<byte[]> ReadAsync(AttachmentRef attachment, CancellationToken cancellationToken)
    {
        await using var stream = _blobs.OpenRead(attachment.ContentHash);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private static (MailboxAddress? Mailbox, string? Category) ReadOutcome(string outcomeJson)
    {
        using var document = JsonDocument.Parse(outcomeJson);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return (null, null);
        }

        MailboxAddress? mailbox = null;
        if (document.RootElement.TryGetProperty("serviceMailbox", out var address)
            && address.ValueKind == JsonValueKind.String
            && MailboxAddress.TryParse(address.GetString(), out var parsed))
        {
            mailbox = parsed;
        }

        var category = document.RootElement.TryGetProperty("category", out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
        return (mailbox, category);
    }
}
