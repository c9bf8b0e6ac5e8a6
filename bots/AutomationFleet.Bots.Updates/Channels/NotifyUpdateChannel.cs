using System.Text.Json;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Updates;
using Microsoft.Extensions.Options;
using Notify.Client;
using Notify.Exceptions;

namespace AutomationFleet.Bots.Updates.Channels;

/// <summary>
/// Updates through GOV.UK Notify with its own client (<c>GovukNotify</c>): <c>POST /v2/notifications/email</c> with the
/// touch point's template, the personalisation (<c>reference</c>, <c>service</c>, <c>new_date</c>, <c>opt_out_url</c>) and
/// the ledger key as Notify's <c>reference</c>, so the council can find a send in Notify by it. A 400 (a bad address, an
/// unknown template) is permanent: the update goes to a person with Notify's answer.
/// </summary>
public sealed class NotifyUpdateChannel(IOptions<UpdatesOptions> options) : IUpdateChannel
{
    private readonly UpdatesOptions _options = options.Value;

    // One client (and so one HttpClient) for the channel's life, made on first use: the API key is only read when Notify is the channel.
    private readonly Lazy<NotificationClient> _client = new(() => new NotificationClient(options.Value.Notify.BaseUrl, options.Value.Notify.ApiKey));

    /// <inheritdoc />
    public async Task<string> SendAsync(UpdateMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var client = _client.Value;
        var values = message.Values;
        var personalisation = new Dictionary<string, dynamic>
        {
            ["reference"] = values["Reference"],
            ["service"] = values["Service"],
            ["new_date"] = values["NewDate"],
            ["opt_out_url"] = values["OptOutUrl"],
        };
        try
        {
            var response = await client.SendEmailAsync(
                message.To.Address, _options.Notify.Templates[message.TouchPoint], personalisation, message.IdempotencyKey, null);
            return JsonSerializer.Serialize(new { channel = "notify", notificationId = response.id });
        }
        catch (NotifyClientException exception) when (exception.Message.Contains("Status code 400", StringComparison.Ordinal))
        {
            throw new PermanentDeliveryException($"GOV.UK Notify refused the update: {exception.Message}", exception);
        }
    }
}
