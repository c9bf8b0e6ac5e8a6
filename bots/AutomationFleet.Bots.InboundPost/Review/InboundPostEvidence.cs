using System.Text.Json;

namespace AutomationFleet.Bots.InboundPost.Review;

/// <summary>
/// The inbound-post bot's evidence JSON (written by <see cref="InboundPostBot"/>), read back for the review form. Only
/// the parts the form lays out are read; anything else in the JSON is ignored.
/// </summary>
internal sealed record InboundPostEvidence(
    EvidenceClassification? Classification,
    IReadOnlyList<EvidenceField>? Fields,
    IReadOnlyList<EvidencePage>? Pages,
    IReadOnlyList<string>? SafeguardingCues)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static InboundPostEvidence Empty { get; } = new(null, null, null, null);

    /// <summary>The evidence, or null when it is not the bot's evidence JSON (the form then says so).</summary>
    public static InboundPostEvidence? Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return Empty;
        }

        try
        {
            return JsonSerializer.Deserialize<InboundPostEvidence>(json, JsonOptions) ?? Empty;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

internal sealed record EvidenceClassification(
    string? Label, double? Probability, double? FittedThreshold, IReadOnlyList<EvidenceAlternative>? Top, EvidenceNovelty? Novelty);

internal sealed record EvidenceAlternative(string? Label, double Probability);

internal sealed record EvidenceNovelty(double Distance, double Threshold, bool Novel);

internal sealed record EvidenceField(string? Kind, string? Value, double? Confidence, int? Page);

internal sealed record EvidencePage(
    int? Number,
    int? Attachment,
    string? Source,
    EvidencePageImage? Image,
    int? LowConfidenceWordCount,
    IReadOnlyList<EvidenceWord>? LowConfidenceWords);

internal sealed record EvidencePageImage(string? Hash, int Width, int Height);

internal sealed record EvidenceWord(string? Text, double Confidence, EvidenceBox? ImageBox);

internal sealed record EvidenceBox(double X, double Y, double Width, double Height);
