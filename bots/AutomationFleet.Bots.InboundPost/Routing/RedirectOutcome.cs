using System.Text.Json.Nodes;
using AutomationFleet.Bots.InboundPost.Taxonomy;

namespace AutomationFleet.Bots.InboundPost.Routing;

/// <summary>
/// The destination a redirect delivery tells the sender about: the one the bot chose from the text (the outcome's
/// <c>redirect.destination</c>), or the fallback when the outcome names none or one the wording no longer has — as when
/// a reviewer corrected an item to a redirect category, since a correction carries no text to choose from.
/// </summary>
internal static class RedirectOutcome
{
    public static RedirectDestination DestinationOf(JsonObject outcome, RedirectDestinations redirects) =>
        redirects.Find(outcome["redirect"] is JsonObject redirect && redirect["destination"] is JsonValue value && value.TryGetValue<string>(out var id) ? id : null)
        ?? redirects.Fallback;

    /// <summary>The outcome with <c>redirect</c> saying what was actually done, so the recorded summary shows it.</summary>
    public static JsonObject WithDelivery(JsonObject outcome, RedirectDestination destination, string delivery, string? letter)
    {
        var redirect = outcome["redirect"] as JsonObject ?? [];
        redirect["destination"] = destination.Id;
        redirect["name"] = destination.Name;
        redirect["delivery"] = delivery;
        if (letter is not null)
        {
            redirect["letter"] = letter;
        }

        outcome["redirect"] = redirect.DeepClone();
        return outcome;
    }
}
