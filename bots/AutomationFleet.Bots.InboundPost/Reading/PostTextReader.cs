using System.Text;
using System.Text.Json;
using AutomationFleet.Connectors.Mail;
using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.Metrics;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Documents;

namespace AutomationFleet.Bots.InboundPost.Reading;

/// <summary>
/// Reads an item of post into pages of text: each attachment through <see cref="IDocumentReader"/> (PDFs and scans),
/// plain-text and e-mail attachments directly, or, with no attachments, the payload's <c>subject</c>/<c>text</c>/<c>body</c>.
/// An attachment the reader refuses is reported as a <see cref="PostRejection"/>, not thrown. The image of each OCR'd
/// page (as the OCR saw it) is put in the blob store, for a person to check the words the OCR was unsure of.
/// An item from the mail connector (<see cref="InboundMailPayload"/>) keeps the raw message beside its PDF/image
/// attachments and its text body: then the raw message is not read (its body would be read twice), and the subject
/// is read with the body. The raw message is read only when nothing else was kept.
/// </summary>
public sealed class PostTextReader(IDocumentReader reader)
{
    private static readonly string[] PayloadTextFields = ["subject", "text", "body"];

    public async Task<PostText> ReadAsync(WorkItem item, IBlobStore blobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(blobs);
        var pages = new List<PostPage>();
        var rejections = new List<PostRejection>();
        var mail = InboundMailPayload.FromJson(item.PayloadJson);
        var mailProblems = mail?.Problems ?? [];
        var original = mail?.Parts.FirstOrDefault(p => p.Role == InboundMailPart.OriginalRole)?.ContentHash;
        var skipOriginal = mail is not null && mail.Parts.Any(p => p.Role != InboundMailPart.OriginalRole);
        var body = mail?.Parts.FirstOrDefault(p => p.Role == InboundMailPart.BodyRole)?.ContentHash;
        if (item.Attachments.Count == 0)
        {
            var text = PayloadText(item.PayloadJson);
            if (text.Length > 0)
            {
                pages.Add(new PostPage(1, 0, "Body", text, [], 1));
            }

            return new PostText(pages, rejections) { MailProblems = mailProblems };
        }

        for (var index = 0; index < item.Attachments.Count; index++)
        {
            var attachment = item.Attachments[index];
            var number = index + 1;
            if (skipOriginal && attachment.ContentHash == original)
            {
                continue;
            }

            if (IsKind(attachment, "text/plain", ".txt") || IsKind(attachment, "message/rfc822", ".eml"))
            {
                string raw;
                await using (var stream = blobs.OpenRead(attachment.ContentHash))
                using (var text = new StreamReader(stream, Encoding.UTF8))
                {
                    raw = await text.ReadToEndAsync(cancellationToken);
                }

                var content = IsKind(attachment, "message/rfc822", ".eml") ? EmailText.Read(raw) : raw;
                if (attachment.ContentHash == body && !string.IsNullOrWhiteSpace(mail!.Subject))
                {
                    content = mail.Subject + "\n\n" + content;
                }

                pages.Add(new PostPage(pages.Count + 1, number, "Body", content.Trim(), [], 1));
                continue;
            }

            try
            {
                await using var stream = blobs.OpenRead(attachment.ContentHash);
                var reading = StageDurations.Start();
                var document = await reader.ReadAsync(stream, attachment.MediaType, cancellationToken);
                InboundPostMetrics.Stages.Record(InboundPostMetrics.StageReadDocument, reading);
                foreach (var page in document.Pages)
                {
                    pages.Add(new PostPage(
                        pages.Count + 1, number, page.Source.ToString(), page.Text, page.Words, page.MeanConfidence)
                    {
                        Image = await StoreImageAsync(page, blobs, cancellationToken),
                    });
                }
            }
            catch (DocumentRejectedException rejected)
            {
                rejections.Add(new PostRejection(number, attachment.ContentHash, rejected.Kind.ToString(), rejected.Message));
            }
        }

        return new PostText(pages, rejections) { MailProblems = mailProblems };
    }

    /// <summary>Keeps the page's image in the blob store (content-addressed: a redo stores nothing twice).</summary>
    private static async Task<PostPageImage?> StoreImageAsync(ReadPage page, IBlobStore blobs, CancellationToken cancellationToken)
    {
        if (page.Image is not { } image || page.Width <= 0 || page.Height <= 0)
        {
            return null;
        }

        var storing = StageDurations.Start();
        using var png = new MemoryStream(image.Png, writable: false);
        var stored = await blobs.PutAsync("page.png", PostPageImage.MediaType, png, cancellationToken);
        InboundPostMetrics.Stages.Record(InboundPostMetrics.StagePageImageStore, storing);
        return new PostPageImage(stored.ContentHash, image.Width, image.Height, image.Width / page.Width, image.Height / page.Height);
    }

    private static bool IsKind(AttachmentRef attachment, string mediaType, string extension) =>
        string.Equals(attachment.MediaType, mediaType, StringComparison.OrdinalIgnoreCase) ||
        attachment.Name.EndsWith(extension, StringComparison.OrdinalIgnoreCase);

    private static string PayloadText(string payloadJson)
    {
        try
        {
            using var document = JsonDocument.Parse(payloadJson);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return "";
            }

            var parts = PayloadTextFields
                .Select(f => document.RootElement.TryGetProperty(f, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null)
                .Where(t => !string.IsNullOrWhiteSpace(t));
            return string.Join("\n\n", parts).Trim();
        }
        catch (JsonException)
        {
            return "";
        }
    }
}
