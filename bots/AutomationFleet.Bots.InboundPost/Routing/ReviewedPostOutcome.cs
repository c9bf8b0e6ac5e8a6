using System.Text.Json;
using System.Text.Json.Nodes;
using AutomationFleet.Bots.InboundPost.Taxonomy;
using AutomationFleet.Core.Bots;

namespace AutomationFleet.Bots.InboundPost.Routing;

/// <summary>
/// Completes a reviewer's outcome for a piece of post: the category is the reviewer's, and the service, route and
/// service mailbox are the taxonomy's for that category, so a correction cannot leave the old category's service or
/// route in the outcome that is delivered and handed on to the next bot.
/// </summary>
public static class ReviewedPostOutcome
{
    public static string Complete(string outcomeJson, CouncilTaxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        JsonObject outcome;
        try
        {
            outcome = JsonNode.Parse(outcomeJson) as JsonObject
                ?? throw new ReviewedOutcomeException("The reviewed outcome is not a JSON object; correct it with a category.");
        }
        catch (JsonException exception)
        {
            throw new ReviewedOutcomeException("The reviewed outcome is not valid JSON: " + exception.Message);
        }

        var id = outcome["category"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        var category = taxonomy.Find(id) ?? throw new ReviewedOutcomeException(
            $"The category '{id}' is not in the council taxonomy; correct the item to one of: "
            + string.Join(", ", taxonomy.Categories.Select(c => c.Id)) + ".");

        var route = new PostRoute(category.Route.Kind.ToString().ToLowerInvariant(), category.Route.Target);
        var mailbox = category.Route.Kind == RouteKind.Email ? category.Route.Target : null;
        var changed = false;
        changed |= Set(outcome, "category", category.Id);
        changed |= Set(outcome, "service", category.Service);
        changed |= Set(outcome, "serviceMailbox", mailbox);

        // A redirect destination belongs to a redirect route; corrected to any other category, it must not linger.
        if (category.Route.Kind != RouteKind.Redirect && outcome.Remove("redirect"))
        {
            changed = true;
        }

        var routeNode = outcome["route"] as JsonObject;
        if (routeNode is null || Text(routeNode["type"]) != route.Type || Text(routeNode["target"]) != route.Target)
        {
            outcome["route"] = new JsonObject { ["type"] = route.Type, ["target"] = route.Target };
            changed = true;
        }

        // Unchanged text when nothing changed, so completing twice records nothing the second time.
        return changed ? outcome.ToJsonString() : outcomeJson;
    }

    private static bool Set(JsonObject outcome, string name, string? value)
    {
        if (Text(outcome[name]) == value && (value is not null || !outcome.ContainsKey(name) || outcome[name] is null))
        {
            return false;
        }

        outcome[name] = value;
        return true;
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
