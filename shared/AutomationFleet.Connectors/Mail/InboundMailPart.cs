namespace AutomationFleet.Connectors.Mail;

/// <summary>One file kept from an inbound message, as listed in its item's payload.</summary>
/// <param name="Role"><c>original</c> (the raw .eml), <c>attachment</c> (a PDF or image) or <c>body</c> (the text body).</param>
/// <param name="Name">The file name (as received for attachments: may hold personal data, never log it).</param>
/// <param name="MediaType">The media type, e.g. <c>application/pdf</c>.</param>
/// <param name="ContentHash">The blob's SHA-256, as in the item's attachments.</param>
/// <param name="Length">Size in bytes.</param>
public sealed record InboundMailPart(string Role, string Name, string MediaType, string ContentHash, long Length)
{
    /// <summary>Role of the raw message.</summary>
    public const string OriginalRole = "original";

    /// <summary>Role of a PDF or image attachment.</summary>
    public const string AttachmentRole = "attachment";

    /// <summary>Role of the text body.</summary>
    public const string BodyRole = "body";
}
