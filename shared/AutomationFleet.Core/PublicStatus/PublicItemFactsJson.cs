using System.Text.Json;
using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.Handoff;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Core.PublicStatus;

/// <summary>
/// Reading <see cref="PublicItemFacts"/> out of JSON for the bots' <see cref="IPublicStatusReader"/>s: from the shared
/// <see cref="Handoff.Handoff"/> (its <c>postcode</c> and <c>date-of-birth</c> fields), and single values by path from a
/// bot's own document. Nothing here throws on a payload it cannot read: it finds nothing.
/// </summary>
public static class PublicItemFactsJson
{
    /// <summary>
    /// The facts of an item of a bot that takes both its own documents and hand-offs: the hand-off's fields when the
    /// item's document is a hand-off, else what <paramref name="fromDocument"/> reads from the bot's own document; none
    /// when there is no readable JSON.
    /// </summary>
    public static PublicItemFacts Read(WorkItem item, IBlobStore blobs, Func<JsonElement, PublicItemFacts> fromDocument)
    {
        ArgumentNullException.ThrowIfNull(fromDocument);
        var text = Document(item, blobs);
        if (text is not null && TryReadHandoff(text, out var handedOver))
        {
            return handedOver;
        }

        using var document = Parse(text);
        return document is null ? PublicItemFacts.None : fromDocument(document.RootElement);
    }

    /// <summary>The postcodes and dates of birth of a hand-off payload, or false when the payload is not a hand-off.</summary>
    private static bool TryReadHandoff(string payloadJson, out PublicItemFacts facts)
    {
        facts = PublicItemFacts.None;
        if (string.IsNullOrWhiteSpace(payloadJson) || !payloadJson.Contains("\"sourceReference\"", StringComparison.Ordinal))
        {
            return false;
        }

        Handoff.Handoff handoff;
        try
        {
            handoff = HandoffJson.Parse(payloadJson);
        }
        catch (HandoffFormatException)
        {
            return false;
        }

        facts = new PublicItemFacts(
            handoff.FieldsOf(HandoffFieldNames.Postcode).Select(f => f.Value).ToList(),
            handoff.FieldsOf(HandoffFieldNames.DateOfBirth).Select(f => StatusCheck.ParseDate(f.Value)).OfType<DateOnly>().ToList());
        return true;
    }

    /// <summary>
    /// The bot's own document of an item: the JSON file a watched folder attached (<see cref="JsonAttachment"/>), else
    /// the payload (the intake endpoint's body, or a hand-off). Null when the attachment cannot be read.
    /// </summary>
    private static string? Document(WorkItem item, IBlobStore blobs)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(blobs);
        if (JsonAttachment.Find(item) is not { } file)
        {
            return item.PayloadJson;
        }

        try
        {
            return JsonAttachment.ReadText(blobs, file);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The JSON document, or null when it is not JSON (dispose it).</summary>
    private static JsonDocument? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The string at <paramref name="path"/> (property names, case-sensitive), or null.</summary>
    public static string? String(JsonElement root, params string[] path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var element = root;
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }

    /// <summary>The facts from one optional postcode and one optional date of birth (either may be null or unreadable).</summary>
    public static PublicItemFacts From(string? postcode, string? dateOfBirth, string? service = null) =>
        new(
            string.IsNullOrWhiteSpace(postcode) ? [] : [postcode],
            StatusCheck.ParseDate(dateOfBirth) is { } date ? [date] : [],
            service);
}
