using System.Text.Json;

namespace AutomationFleet.Connectors.Mail;

/// <summary>
/// The payload of an item made from an inbound message. The sender's address is personal data: it is
/// kept because the acknowledgement needs it, and must never be logged (<see cref="FromHash"/> may be).
/// </summary>
/// <param name="Source">Always <c>imap</c>.</param>
/// <param name="Mailbox">The mailbox identity, <c>user@host/folder</c>.</param>
/// <param name="MessageId">The Message-ID header without angle brackets, if the message had one.</param>
/// <param name="From">The sender's address, if any.</param>
/// <param name="FromHash">Lower-case hex SHA-256 of the lower-cased sender address: correlates senders without revealing them.</param>
/// <param name="ReplyTo">The Reply-To address, if any (acknowledgements go there in preference to <paramref name="From"/>).</param>
/// <param name="Subject">The subject, if any.</param>
/// <param name="Date">The Date header, if present and valid.</param>
/// <param name="Size">The raw message's size in bytes.</param>
/// <param name="Folder">The IMAP folder the original was moved to (<c>Processed</c> or <c>Quarantine</c>).</param>
/// <param name="Parts">The files kept, also in the item's attachments.</param>
/// <param name="Problems">What could not be read, one line each (empty message, unknown charset, too large, …).</param>
public sealed record InboundMailPayload(
    string Source,
    string Mailbox,
    string? MessageId,
    string? From,
    string? FromHash,
    string? ReplyTo,
    string? Subject,
    DateTimeOffset? Date,
    long Size,
    string Folder,
    IReadOnlyList<InboundMailPart> Parts,
    IReadOnlyList<string> Problems)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>The address an acknowledgement goes to: Reply-To, else From; null if neither.</summary>
    public string? AcknowledgementAddress => ReplyTo ?? From;

    /// <summary>Serialises the payload (camelCase JSON).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads an item's payload; null when it is not an inbound-mail payload.</summary>
    public static InboundMailPayload? FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var payload = JsonSerializer.Deserialize<InboundMailPayload>(json, JsonOptions);
            return payload is { Source: "imap" } ? payload : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
