using System.Text.Json;
using AutomationFleet.Bots.InboundPost.Extraction;
using AutomationFleet.Core.PublicStatus;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Bots.InboundPost;

/// <summary>
/// Inbound post for the public status page: the postcode and date of birth read from the letter (the outcome's fields),
/// the service it was routed to, and for post that is not ours the destination the sender was told of. A letter not
/// read yet has no facts, so it cannot be looked up until the bot (or a reviewer's proposal) has them.
/// </summary>
public sealed class InboundPostStatusReader : IPublicStatusReader
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
        try
        {
            outcome = JsonSerializer.Deserialize<PostOutcome>(item.OutcomeJson, JsonOptions);
        }
        catch (JsonException)
        {
            return PublicItemFacts.None;
        }

        if (outcome?.Fields is null)
        {
            return PublicItemFacts.None;
        }

        return new PublicItemFacts(
            outcome.Fields.Where(f => f.Kind == FieldKinds.Postcode).Select(f => f.Value).ToList(),
            outcome.Fields.Where(f => f.Kind == FieldKinds.DateOfBirth).Select(f => StatusCheck.ParseDate(f.Value)).OfType<DateOnly>().ToList(),
            string.IsNullOrWhiteSpace(outcome.Service) ? null : outcome.Service,
            outcome.Redirect?.Destination);
    }
}
