using System.Security.Cryptography;
using System.Text;
using MimeKit;

namespace AutomationFleet.Connectors.Mail;

/// <summary>
/// Reads what it can from a raw message and never throws for bad input: whatever cannot be read is
/// recorded as a problem, and the raw message itself is always kept by the caller.
/// </summary>
internal static class InboundMailReader
{
    private static readonly string[] ImageExtensions = [".png", ".jpg", ".jpeg", ".tif", ".tiff", ".gif", ".bmp", ".webp"];

    public static InboundMail Read(byte[] raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var problems = new List<string>();
        var files = new List<InboundFile>();
        if (raw.Length == 0)
        {
            problems.Add("The message is empty (0 bytes).");
            return new InboundMail(null, null, null, null, null, files, problems);
        }

        MimeMessage message;
        try
        {
            using var stream = new MemoryStream(raw, writable: false);
            message = MimeMessage.Load(stream);
        }
        catch (FormatException exception)
        {
            problems.Add($"The message could not be parsed as MIME: {exception.Message}");
            return new InboundMail(null, null, null, null, null, files, problems);
        }

        var messageId = string.IsNullOrWhiteSpace(message.MessageId) ? null : message.MessageId.Trim();
        if (messageId is null)
        {
            problems.Add("The message has no Message-ID; its reference is the SHA-256 of its content.");
        }

        var from = message.From.Mailboxes.FirstOrDefault()?.Address;
        var replyTo = message.ReplyTo.Mailboxes.FirstOrDefault()?.Address;
        if (string.IsNullOrWhiteSpace(from) && string.IsNullOrWhiteSpace(replyTo))
        {
            problems.Add("The message has no sender address; it cannot be acknowledged.");
        }

        DateTimeOffset? date = message.Headers.Contains(HeaderId.Date) && message.Date != DateTimeOffset.MinValue ? message.Date : null;
        var subject = string.IsNullOrEmpty(message.Subject) ? null : message.Subject;

        foreach (var part in message.BodyParts.OfType<MimePart>())
        {
            if (part is TextPart text && !part.IsAttachment)
            {
                if (text.ContentType.Charset is { } charset && text.ContentType.CharsetEncoding is null)
                {
                    problems.Add($"A text part declares the unknown charset '{charset}'; its text was decoded with a fallback.");
                }

                continue;
            }

            if (!IsDocument(part))
            {
                continue;
            }

            var index = files.Count + 1;
            try
            {
                using var content = new MemoryStream();
                if (part.Content is null)
                {
                    problems.Add($"Attachment {index} has no content.");
                    continue;
                }

                part.Content.DecodeTo(content);
                var name = string.IsNullOrWhiteSpace(part.FileName) ? $"attachment-{index}{ExtensionFor(part)}" : part.FileName;
                files.Add(new InboundFile(InboundMailPart.AttachmentRole, name, MediaTypeOf(part), content.ToArray()));
            }
            catch (Exception exception) when (exception is FormatException or InvalidOperationException or NotSupportedException or IOException)
            {
                problems.Add($"Attachment {index} could not be decoded: {exception.Message}");
            }
        }

        var body = ReadBody(message, problems);
        if (!string.IsNullOrWhiteSpace(body))
        {
            files.Add(new InboundFile(InboundMailPart.BodyRole, "body.txt", "text/plain", Encoding.UTF8.GetBytes(body)));
        }
        else if (files.Count == 0)
        {
            problems.Add("The message has neither a text body nor a PDF or image attachment.");
        }

        return new InboundMail(messageId, NullIfBlank(from), NullIfBlank(replyTo), subject, date, files, problems);
    }

    public static string Sha256Hex(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static string? ReadBody(MimeMessage message, List<string> problems)
    {
        try
        {
            var text = message.TextBody;
            if (!string.IsNullOrWhiteSpace(text))
            {
                return text;
            }

            var html = message.HtmlBody;
            return string.IsNullOrWhiteSpace(html) ? null : HtmlText.Convert(html);
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or NotSupportedException or DecoderFallbackException)
        {
            problems.Add($"The text body could not be decoded: {exception.Message}");
            return null;
        }
    }

    private static bool IsDocument(MimePart part)
    {
        var type = part.ContentType;
        if (type.IsMimeType("application", "pdf") || type.IsMimeType("image", "*"))
        {
            return true;
        }

        if (!type.IsMimeType("application", "octet-stream") || part.FileName is not { } fileName)
        {
            return false;
        }

        var extension = Path.GetExtension(fileName);
        return extension.Equals(".pdf", StringComparison.OrdinalIgnoreCase)
            || ImageExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase);
    }

    private static string MediaTypeOf(MimePart part)
    {
        if (!part.ContentType.IsMimeType("application", "octet-stream") || part.FileName is null)
        {
            return part.ContentType.MimeType.ToLowerInvariant();
        }

        return MimeTypes.GetMimeType(part.FileName).ToLowerInvariant();
    }

    private static string ExtensionFor(MimePart part) =>
        MimeTypes.TryGetExtension(part.ContentType.MimeType, out var extension) ? extension : "";

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
