namespace AutomationFleet.Connectors.Mail;

/// <summary>What the SMTP server said about one sent message.</summary>
/// <param name="MessageId">The message's Message-ID (without angle brackets), derived from the idempotency key.</param>
/// <param name="ServerResponse">The server's reply to the message data (often carries its queue id).</param>
public sealed record SmtpSendResult(string MessageId, string ServerResponse);
