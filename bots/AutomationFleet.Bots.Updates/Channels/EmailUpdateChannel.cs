using System.Text.Json;
using AutomationFleet.Connectors.Mail;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Updates;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AutomationFleet.Bots.Updates.Channels;

/// <summary>
/// Updates by e-mail with the wording in <c>Updates:Wording</c>: through the SMTP sender when <c>Mail:Smtp</c> is on, else
/// written as <c>{key}.eml</c> into <c>Updates:OutboxFolder</c> (the embedded default's outbox), once per key. Either
/// way the message carries the Message-ID derived from the ledger key, so a copy is recognisably the same update.
/// Outbox files are synced with their folder (<see cref="OutboxFolder"/>: one folder sync per group of concurrent sends).
/// </summary>
public sealed class EmailUpdateChannel(SmtpMailSender? sender, IOptions<UpdatesOptions> options, TimeProvider timeProvider) : IUpdateChannel
{
    private const string OutboxDomain = "outbox.automationfleet.invalid";
    private readonly UpdatesOptions _options = options.Value;
    private readonly OutboxFolder _outbox = new(options.Value.OutboxFolder);

    /// <inheritdoc />
    public async Task<string> SendAsync(UpdateMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var wording = _options.Wording[message.TouchPoint];
        var mail = new MimeMessage { Subject = message.Fill(wording.Subject) };
        mail.To.Add(message.To);
        mail.Body = new TextPart("plain") { Text = message.Fill(wording.Body) };
        if (sender is { Enabled: true })
        {
            var sent = await sender.SendAsync(mail, message.IdempotencyKey, cancellationToken);
            return JsonSerializer.Serialize(new { channel = "email", messageId = sent.MessageId });
        }

        mail.From.Add(new MailboxAddress("Example County Council", "updates@" + OutboxDomain));
        mail.MessageId = SmtpMailSender.MessageIdFor(message.IdempotencyKey, OutboxDomain);
        mail.Headers.Replace(SmtpMailSender.ReferenceHeader, message.IdempotencyKey);
        mail.Date = timeProvider.GetUtcNow();
        var file = FileNameFor(message.IdempotencyKey);
        var written = await _outbox.WriteOnceAsync(file, stream => mail.WriteToAsync(stream, cancellationToken), cancellationToken);
        return JsonSerializer.Serialize(new { channel = "outbox", file, written });
    }

    /// <summary>The outbox file of a key: the key with anything but letters, digits, '-', '.' and '_' as '_', then <c>.eml</c>.</summary>
    public static string FileNameFor(string idempotencyKey) =>
        new string([.. idempotencyKey.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_')]) + ".eml";
}
