using System.Text.Json;
using System.Text.Json.Nodes;
using AutomationFleet.Core.Delivery;

namespace AutomationFleet.Bots.InboundPost.Routing;

/// <summary>
/// The sender acknowledgement, skipped for outcomes on a <c>redirect</c> route: their route step has already answered
/// the sender with where to go, and a second "we received your letter" would suggest the council is dealing with it.
/// Keeps the wrapped step's name, so its idempotency key and ledger entries are those of the plain acknowledgement.
/// </summary>
public sealed class AcknowledgementUnlessRedirected(IDeliveryStep acknowledgement) : IDeliveryStep
{
    public string Name => acknowledgement.Name;

    public bool IsIdempotent => acknowledgement.IsIdempotent;

    public string Pipeline => acknowledgement.Pipeline;

    public Task<string?> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return IsRedirect(context.Outcome.OutcomeJson)
            ? Task.FromResult<string?>(JsonSerializer.Serialize(new { skipped = "The redirect route told the sender where to go." }))
            : acknowledgement.DeliverAsync(context, cancellationToken);
    }

    private static bool IsRedirect(string outcomeJson)
    {
        try
        {
            return JsonNode.Parse(outcomeJson) is JsonObject outcome
                && outcome["route"] is JsonObject route
                && route["type"] is JsonValue type
                && type.TryGetValue<string>(out var kind)
                && kind == "redirect";
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
