using System.Text.Json;
using AutomationFleet.Bots.InboundPost.Extraction;
using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Handoff;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Bots.InboundPost.Routing;

/// <summary>
/// What a <c>queue</c> route hands to the next bot: the shared <see cref="Handoff"/> contract built from the decided
/// <see cref="PostOutcome"/>, so the downstream bot never reads this bot's own outcome type.
/// </summary>
public static class PostHandoff
{
    /// <summary>The bot name the hand-off names as its source.</summary>
    public const string SourceBot = "inbound-post";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static readonly Dictionary<string, string> FieldNames = new(StringComparer.OrdinalIgnoreCase)
    {
        [FieldKinds.Postcode] = HandoffFieldNames.Postcode,
        [FieldKinds.DateOfBirth] = HandoffFieldNames.DateOfBirth,
        [FieldKinds.NhsNumber] = HandoffFieldNames.NhsNumber,
        [FieldKinds.Email] = HandoffFieldNames.Email,
        [FieldKinds.Phone] = HandoffFieldNames.Phone,
    };

    /// <summary>The hand-off JSON for a delivery (the <see cref="QueueHandoffStep"/> payload).</summary>
    public static string PayloadFor(DeliveryContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return HandoffJson.Serialize(From(context.Outcome.OutcomeJson, context.Item.Reference, context.Item.Attachments, context.Outcome.DecidedBy));
    }

    /// <summary>The hand-off for one decided outcome.</summary>
    public static Handoff From(string outcomeJson, string reference, IReadOnlyList<AttachmentRef> documents, string decidedBy)
    {
        var outcome = JsonSerializer.Deserialize<PostOutcome>(outcomeJson, JsonOptions)
            ?? throw new PermanentDeliveryException("The decided outcome is empty; nothing to hand over.");
        var byPerson = Actors.IsReviewer(decidedBy);

        // The page source says how far a field's characters can be trusted. A reviewer who approved the category has
        // not vouched for every character of every field, so a reviewed item's fields keep their origin.
        var origin = outcome.Source == "Ocr" ? HandoffOrigins.Ocr : HandoffOrigins.Text;
        var fields = (outcome.Fields ?? [])
            .Select(f => new HandoffField(
                FieldNames.GetValueOrDefault(f.Kind, f.Kind.ToLowerInvariant()),
                f.Value,
                Math.Clamp(f.Confidence, 0, 1),
                origin,
                f.Page))
            .ToList();
        if (outcome.Text is { Length: > 0 } text)
        {
            fields.Add(new HandoffField(HandoffFieldNames.Text, text, 1, origin));
        }

        return new Handoff(reference, SourceBot, outcome.Category, byPerson ? 1 : outcome.Confidence, documents, fields);
    }
}
