using System.Text.Json.Nodes;
using AutomationFleet.Connectors.Mail;
using MimeKit;

namespace AutomationFleet.Bots.Updates;

/// <summary>
/// Where an item's updates go: the sender of a mail (its Reply-To, else From, as the acknowledgement), else the e-mail
/// address a form gave for the person who sent it (<c>email</c>, <c>person.email</c>, <c>reporter.email</c>,
/// <c>applicant.email</c>; the caller also tries a watched folder's attached JSON form). Post from the inbox folder has none: no update is sent (there is no letter channel yet).
/// </summary>
public static class UpdateRecipients
{
    private static readonly string[][] FormPaths = [["email"], ["person", "email"], ["reporter", "email"], ["applicant", "email"]];

    /// <summary>The address, or null when the item names none that parses.</summary>
    public static MailboxAddress? AddressOf(string payloadJson)
    {
        var address = InboundMailPayload.FromJson(payloadJson)?.AcknowledgementAddress ?? FormAddress(payloadJson);
        return address is not null && MailboxAddress.TryParse(address, out var mailbox) && mailbox.Address.Contains('@', StringComparison.Ordinal)
            ? mailbox
            : null;
    }

    private static string? FormAddress(string payloadJson)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(payloadJson);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }

        foreach (var path in FormPaths)
        {
            var node = root;
            foreach (var part in path)
            {
                node = node is JsonObject obj ? obj[part] : null;
            }

            if (node is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text))
            {
                return text.Trim();
            }
        }

        return null;
    }
}
