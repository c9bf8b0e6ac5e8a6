using System.Security.Cryptography;
using System.Text;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Resilience;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Polly;
using Polly.Registry;

namespace AutomationFleet.Connectors.Mail;

/// <summary>
/// Sends mail through the configured SMTP server. Every message carries its idempotency key in the
/// <c>X-AutomationFleet-Reference</c> header and a Message-ID derived from that key, so a redo of the
/// same step sends a message the receiving side (and a person) can recognise as the same one.
/// </summary>
public sealed class SmtpMailSender
{
    /// <summary>The header that carries the idempotency key.</summary>
    public const string ReferenceHeader = "X-AutomationFleet-Reference";

    private const string FallbackDomain = "automationfleet.invalid";

    private readonly SmtpOptions _options;
    private readonly ResiliencePipeline _connection;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<SmtpMailSender> _logger;

    /// <summary>Creates the sender; it connects once per message.</summary>
    public SmtpMailSender(IOptions<SmtpOptions> options, ResiliencePipelineProvider<string> pipelines, TimeProvider timeProvider, ILogger<SmtpMailSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(pipelines);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options.Value;
        _connection = pipelines.GetPipeline(FleetPipelines.SmtpConnection);
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Whether mail may be sent (<see cref="SmtpOptions.Enabled"/>).</summary>
    public bool Enabled => _options.Enabled;

    /// <summary>The configured sender (<see cref="SmtpOptions.From"/> and <see cref="SmtpOptions.FromName"/>).</summary>
    public MailboxAddress Sender => new(_options.FromName, _options.From);

    /// <summary>
    /// The Message-ID for a key: the first 128 bits of its SHA-256 in hex, at <paramref name="domain"/>.
    /// The same key always gives the same id.
    /// </summary>
    public static string MessageIdFor(string idempotencyKey, string domain)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        ArgumentException.ThrowIfNullOrEmpty(domain);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)));
        return $"af.{hash[..32]}@{domain}";
    }

    /// <summary>
    /// Stamps the message (sender if none, date, reference header, Message-ID from the key) and sends it.
    /// Connecting and logging in are retried through the fleet's pipeline <see cref="FleetPipelines.SmtpConnection"/>; the send
    /// itself is tried once, because a failure after the server took the message must not be repeated blindly.
    /// </summary>
    /// <exception cref="InvalidOperationException"><see cref="SmtpOptions.Enabled"/> is false.</exception>
    public async Task<SmtpSendResult> SendAsync(MimeMessage message, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        if (!_options.Enabled)
        {
            throw new InvalidOperationException($"Mail cannot be sent: {SmtpOptions.SectionName}:Enabled is false.");
        }

        if (message.From.Count == 0)
        {
            message.From.Add(Sender);
        }

        var fromAddress = message.From.Mailboxes.FirstOrDefault()?.Address ?? _options.From;
        var at = fromAddress.LastIndexOf('@');
        var domain = at >= 0 && at < fromAddress.Length - 1 ? fromAddress[(at + 1)..] : FallbackDomain;
        message.MessageId = MessageIdFor(idempotencyKey, domain);
        message.Headers.Replace(ReferenceHeader, idempotencyKey);
        message.Date = _timeProvider.GetUtcNow();

        using var client = new SmtpClient { Timeout = MailConnection.MillisecondsOf(_options.CommandTimeout) };
        await _connection.ExecuteAsync(
            async token =>
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(quit: false, token);
                }

                await client.ConnectAsync(_options.Host, _options.EffectivePort, MailConnection.ToSocketOptions(_options.Security), token);
                if (!string.IsNullOrWhiteSpace(_options.Username))
                {
                    await client.AuthenticateAsync(_options.Username, _options.Password ?? "", token);
                }
            },
            cancellationToken);
        string response;
        try
        {
            response = await client.SendAsync(message, cancellationToken);
        }
        catch (SmtpCommandException exception) when (MailFaults.IsPermanent(exception))
        {
            throw new PermanentDeliveryException(
                $"The mail server refused the message (SMTP {(int)exception.StatusCode}, {exception.ErrorCode}): {exception.Message}", exception);
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
        _logger.LogInformation("Sent mail {MessageId} for {IdempotencyKey}", message.MessageId, idempotencyKey);
        return new SmtpSendResult(message.MessageId, response);
    }
}
