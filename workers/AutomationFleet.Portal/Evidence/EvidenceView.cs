using System.Globalization;
using System.Text.Json;

namespace AutomationFleet.Portal.Evidence;

/// <summary>
/// A bot's evidence, read for the item page. The inbound-post shape (<c>classification.top</c>, <c>fields</c>,
/// <c>pages[].lowConfidenceWords</c>, <c>safeguardingCues</c>, <c>rejected</c>) is laid out; anything else is shown as
/// indented JSON (<see cref="RawJson"/>).
/// </summary>
public sealed record EvidenceView(
    bool IsInboundPost,
    string? Label,
    double? Probability,
    double? FittedThreshold,
    IReadOnlyList<CategoryProbability> TopCategories,
    IReadOnlyList<EvidenceField> Fields,
    IReadOnlyList<LowConfidenceWord> LowConfidenceWords,
    IReadOnlyList<string> SafeguardingCues,
    string RawJson)
{
    public static EvidenceView Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return Generic("{}");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return Generic(json);
        }

        using (document)
        {
            var root = document.RootElement;
            var raw = JsonSerializer.Serialize(root, IndentedOptions);
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("classification", out var classification)
                || !root.TryGetProperty("pages", out _))
            {
                return Generic(raw);
            }

            var top = new List<CategoryProbability>();
            string? label = null;
            double? probability = null, threshold = null;
            if (classification.ValueKind == JsonValueKind.Object)
            {
                label = String(classification, "label");
                probability = Number(classification, "probability");
                threshold = Number(classification, "fittedThreshold");
                if (classification.TryGetProperty("top", out var alternatives) && alternatives.ValueKind == JsonValueKind.Array)
                {
                    top.AddRange(alternatives.EnumerateArray()
                        .Where(a => a.ValueKind == JsonValueKind.Object && String(a, "label") is not null)
                        .Select(a => new CategoryProbability(String(a, "label")!, Number(a, "probability") ?? 0)));
                }
            }

            var fields = new List<EvidenceField>();
            if (root.TryGetProperty("fields", out var fieldArray) && fieldArray.ValueKind == JsonValueKind.Array)
            {
                fields.AddRange(fieldArray.EnumerateArray()
                    .Where(f => f.ValueKind == JsonValueKind.Object)
                    .Select(f => new EvidenceField(String(f, "kind") ?? "?", String(f, "value") ?? "", Number(f, "confidence"), Integer(f, "page"))));
            }

            var words = new List<LowConfidenceWord>();
            foreach (var page in root.GetProperty("pages").EnumerateArray().Where(p => p.ValueKind == JsonValueKind.Object))
            {
                if (page.TryGetProperty("lowConfidenceWords", out var lows) && lows.ValueKind == JsonValueKind.Array)
                {
                    words.AddRange(lows.EnumerateArray()
                        .Where(w => w.ValueKind == JsonValueKind.Object)
                        .Select(w => new LowConfidenceWord(String(w, "text") ?? "", Number(w, "confidence") ?? 0, Integer(page, "number"))));
                }
            }

            var cues = new List<string>();
            if (root.TryGetProperty("safeguardingCues", out var cueArray) && cueArray.ValueKind == JsonValueKind.Array)
            {
                cues.AddRange(cueArray.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()!));
            }

            return new EvidenceView(true, label, probability, threshold, top, fields, words, cues, raw);
        }
    }

    private static readonly JsonSerializerOptions IndentedOptions = new() { WriteIndented = true };

    private static EvidenceView Generic(string raw) => new(false, null, null, null, [], [], [], [], raw);

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static int? Integer(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i) ? i : null;
}

public sealed record CategoryProbability(string Label, double Probability)
{
    public string Percent => (Probability * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}

public sealed record EvidenceField(string Kind, string Value, double? Confidence, int? Page);

public sealed record LowConfidenceWord(string Text, double Confidence, int? Page);
