using System.Text.Json;

namespace AutomationFleet.Connectors.Mail;

/// <summary>The small JSON a mail step records in the side-effect ledger.</summary>
internal static class MailDeliveryResult
{
    public static string Sent(SmtpSendResult result) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["messageId"] = result.MessageId });

    public static string Skipped(string reason) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["skipped"] = reason });
}
