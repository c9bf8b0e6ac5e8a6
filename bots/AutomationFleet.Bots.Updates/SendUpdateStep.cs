using System.Text.Json;
using System.Text.Json.Nodes;
using AutomationFleet.Bots.Updates.Channels;
using AutomationFleet.Bots.Updates.OptOut;
using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Updates;
using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.Updates;

/// <summary>
/// Sends one update: finds the citizen item and its sender's address, asks the store for a place under the daily cap
/// (refused for an address or item that opted out), sends through the channel with a signed opt-out link, and marks it
/// sent. Not idempotent: a worker killed between the send and the ledger's record leaves the step Started, and the
/// runner then gives the update to a person (who sees the Message-ID and can check the mail log) instead of sending it
/// again, so a kill yields neither a second message nor a silent loss.
/// </summary>
public sealed class SendUpdateStep(
    IWorkQueue queue,
    IUpdateStore store,
    IBlobStore blobs,
    IUpdateChannel channel,
    OptOutToken tokens,
    IOptions<UpdatesOptions> options,
    TimeProvider timeProvider,
    ILogger<SendUpdateStep> logger) : IDeliveryStep
{
    /// <summary>The step's name (its ledger key is <c>{update reference}#send-update</c>).</summary>
    public const string StepName = "send-update";

    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private readonly UpdatesOptions _options = options.Value;

    /// <inheritdoc />
    public string Name => StepName;

    /// <summary>False: a mail cannot be unsent.</summary>
    public bool IsIdempotent => false;

    /// <inheritdoc />
    public string Pipeline => "mail";

    /// <summary>Every update item; not the sweep's item, which skips this step without a ledger entry.</summary>
    public bool AppliesTo(ItemOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return !Timescale.TimescaleSweepStep.IsSweep(outcome.OutcomeJson);
    }

    /// <inheritdoc />
    public async Task<string?> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Timescale.TimescaleSweepStep.IsSweep(context.Outcome.OutcomeJson))
        {
            return null;
        }

        var request = UpdateRequest.FromJson(context.Outcome.OutcomeJson);
        var item = await queue.FindAsync(request.ItemReference, cancellationToken);
        if (item is null)
        {
            return Skipped("The item the update is about is not in the store.");
        }

        if (IsRedirect(item.OutcomeJson))
        {
            return Skipped("The item is another organisation's: the redirect told the sender where to go.");
        }

        if ((UpdateRecipients.AddressOf(item.PayloadJson) ?? await AttachedFormAddressAsync(item, cancellationToken)) is not { } recipient)
        {
            return Skipped("The item names no e-mail address for its sender.");
        }

        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(timeProvider.GetUtcNow(), London).DateTime);
        var send = new UpdateSend(
            context.Item.Reference, request.ItemReference, request.Queue, request.TouchPoint, UpdateRecipient.HashOf(recipient.Address), day);
        var reservation = await store.ReserveUpdateAsync(send, _options.DailyCap, cancellationToken);
        if (reservation != UpdateReservation.Reserved)
        {
            // Capped updates are dropped, not deferred: the next touch point brings the item's news up to date.
            logger.LogInformation(
                "Update {UpdateReference} not sent: {Reservation}", context.Item.Reference, reservation);
            return JsonSerializer.Serialize(new { sent = false, reason = reservation.ToString() });
        }

        var link = OptOutToken.LinkFor(_options.OptOutUrl, tokens.Create(request.ItemReference, recipient.Address));
        var message = new UpdateMessage(
            recipient, request.TouchPoint, ShortReference.For(item), request.Service, request.NewDate, link, context.IdempotencyKey);
        var result = await channel.SendAsync(message, cancellationToken);
        await store.MarkUpdateSentAsync(context.Item.Reference, CancellationToken.None);
        return result;
    }

    // A form dropped into a watched folder is kept as the item's attachment, its payload only saying where it came from.
    private async Task<MimeKit.MailboxAddress?> AttachedFormAddressAsync(WorkItem item, CancellationToken cancellationToken)
    {
        if (item.Attachments is not [{ MediaType: "application/json", Length: < 1_000_000 } form])
        {
            return null;
        }

        await using var stream = blobs.OpenRead(form.ContentHash);
        using var reader = new StreamReader(stream);
        return UpdateRecipients.AddressOf(await reader.ReadToEndAsync(cancellationToken));
    }

    private static string Skipped(string reason) => JsonSerializer.Serialize(new { sent = false, reason });

    // Post for another organisation (inbound post's redirect route) is answered by the route itself with where to go;
    // an update saying the council is dealing with it would say the opposite.
    private static bool IsRedirect(string? outcomeJson)
    {
        if (outcomeJson is null)
        {
            return false;
        }

        try
        {
            return JsonNode.Parse(outcomeJson) is JsonObject outcome && outcome["route"] is JsonObject route
                && route["type"] is JsonValue type && type.TryGetValue<string>(out var kind) && kind == "redirect";
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
