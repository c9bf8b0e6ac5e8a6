namespace AutomationFleet.Connectors.Mail;

/// <summary>What <see cref="InboundMailReader"/> could read from one message.</summary>
internal sealed record InboundMail(
    string? MessageId,
    string? From,
    string? ReplyTo,
    string? Subject,
    DateTimeOffset? Date,
    IReadOnlyList<InboundFile> Files,
    IReadOnlyList<string> Problems);
