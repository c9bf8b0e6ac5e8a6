using System.Text.Json;
using System.Text.Json.Nodes;
using AutomationFleet.Bots.InboundPost.Extraction;
using AutomationFleet.Bots.InboundPost.Routing;
using AutomationFleet.Bots.InboundPost.Taxonomy;
using AutomationFleet.Core.PublicStatus;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Bots.InboundPost;

/// <summary>
/// Inbound post for the public status page: the postcode and date of birth read from the letter (the outcome's fields),
/// the service it was routed to, and for post that is not ours where to go instead, in the redirect wording the sender
/// was sent (<c>not-ours.json</c>, through the taxonomy). A letter not read yet has no facts, so it cannot be looked up
/// until the bot has proposed an outcome.
/// </summary>
public sealed class InboundPostStatusReader(CouncilTaxonomy taxonomy) : IPublicStatusReader
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public string Queue => InboundPostBot.BotName;

    /// <summary>The redirect letter or e-mail (<c>redirect:{target}</c>) answers the sender; routing elsewhere does not.</summary>
    public bool IsAnswerStep(string step) => step?.StartsWith("redirect:", StringComparison.Ordinal) == true;

    public PublicItemFacts Read(WorkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (string.IsNullOrWhiteSpace(item.OutcomeJson))
        {
            return PublicItemFacts.None;
        }

        PostOutcome? outcome;
        JsonObject? node;
        try
        {
            outcome = JsonSerializer.Deserialize<PostOutcome>(item.OutcomeJson, JsonOptions);
            node = JsonNode.Parse(item.OutcomeJson) as JsonObject;
        }
        catch (JsonException)
        {
            return PublicItemFacts.None;
        }

        if (outcome?.Fields is null || node is null)
        {
            return PublicItemFacts.None;
        }

        string? whereToGo = null;
        var redirects = taxonomy.Find(outcome.Category)?.Route is { Kind: RouteKind.Redirect, Redirects: { } r } ? r : null;
        if (redirects is not null)
        {
            whereToGo = RedirectDestinations.WordingFor(RedirectOutcome.DestinationOf(node, redirects), ShortReference.For(item));
        }

        return new PublicItemFacts(
            outcome.Fields.Where(f => f.Kind == FieldKinds.Postcode).Select(f => f.Value).ToList(),
            outcome.Fields.Where(f => f.Kind == FieldKinds.DateOfBirth).Select(f => StatusCheck.ParseDate(f.Value)).OfType<DateOnly>().ToList(),
            redirects is null && !string.IsNullOrWhiteSpace(outcome.Service) ? outcome.Service : null,
            whereToGo);
    }
}
