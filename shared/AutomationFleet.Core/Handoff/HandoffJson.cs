using System.Text.Json;
using System.Text.Json.Serialization;

namespace AutomationFleet.Core.Handoff;

/// <summary>The one JSON form of a <see cref="Handoff"/> (camelCase), written by upstream bots and read by downstream ones.</summary>
public static class HandoffJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The hand-off as JSON.</summary>
    public static string Serialize(Handoff handoff)
    {
        ArgumentNullException.ThrowIfNull(handoff);
        return JsonSerializer.Serialize(handoff, Options);
    }

    /// <summary>Reads a hand-off; throws <see cref="HandoffFormatException"/> saying what is missing or malformed.</summary>
    public static Handoff Parse(string json)
    {
        Handoff? handoff;
        try
        {
            handoff = JsonSerializer.Deserialize<Handoff>(json, Options);
        }
        catch (JsonException exception)
        {
            throw new HandoffFormatException($"the hand-off is not valid JSON: {exception.Message}", exception);
        }

        if (handoff is null)
        {
            throw new HandoffFormatException("the hand-off is empty (null).");
        }

        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(handoff.SourceReference)) missing.Add("sourceReference");
        if (string.IsNullOrWhiteSpace(handoff.SourceBot)) missing.Add("sourceBot");
        if (handoff.Documents is null) missing.Add("documents");
        if (handoff.Fields is null) missing.Add("fields");
        if (missing.Count > 0)
        {
            throw new HandoffFormatException($"the hand-off lacks {string.Join(", ", missing)}.");
        }

        var bad = handoff.Fields!
            .Select((f, i) => (f, i))
            .Where(x => string.IsNullOrWhiteSpace(x.f.Name) || x.f.Value is null || x.f.Confidence is < 0 or > 1 || string.IsNullOrWhiteSpace(x.f.Origin))
            .Select(x => $"fields[{x.i}]")
            .ToList();
        if (bad.Count > 0)
        {
            throw new HandoffFormatException($"the hand-off has malformed fields (a name, value, origin and a confidence in [0, 1] each): {string.Join(", ", bad)}.");
        }

        return handoff;
    }
}

/// <summary>A payload that is not a hand-off: the item is quarantined with this message as the reason.</summary>
public sealed class HandoffFormatException(string message, Exception? inner = null) : Exception(message, inner);
