using System.Globalization;
using System.Text.Json;
using AutomationFleet.Portal.Pages;

namespace AutomationFleet.Portal.Evidence;

/// <summary>
/// A bot's evidence, read for the item page. The inbound-post shape (<c>classification.top</c>, <c>fields</c>,
/// <c>pages[].lowConfidenceWords</c> with their <c>imageBox</c>, <c>pages[].image</c>, <c>safeguardingCues</c>,
/// <c>rejected</c>) is laid out; anything else is shown as
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
            var raw = JsonSerializer.Serialize(root, Format.ReadableJson);
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
            var evidencePages = new List<EvidencePage>();
            var pages = root.GetProperty("pages");
            foreach (var page in (pages.ValueKind == JsonValueKind.Array ? pages.EnumerateArray() : default).Where(p => p.ValueKind == JsonValueKind.Object))
            {
                var pageWords = new List<LowConfidenceWord>();
                if (page.TryGetProperty("lowConfidenceWords", out var lows) && lows.ValueKind == JsonValueKind.Array)
                {
                    pageWords.AddRange(lows.EnumerateArray()
                        .Where(w => w.ValueKind == JsonValueKind.Object)
                        .Select(w => new LowConfidenceWord(String(w, "text") ?? "", Number(w, "confidence") ?? 0, Integer(page, "number"), Box(w))));
                }

                words.AddRange(pageWords);
                var image = PageImage(page, pageWords);
                evidencePages.Add(new EvidencePage(
                    Integer(page, "number") ?? evidencePages.Count + 1,
                    Integer(page, "attachment") ?? 1,
                    String(page, "source") ?? "",
                    Number(page, "meanConfidence"),
                    Integer(page, "lowConfidenceWordCount") ?? pageWords.Count,
                    image));
            }

            var cues = new List<string>();
            if (root.TryGetProperty("safeguardingCues", out var cueArray) && cueArray.ValueKind == JsonValueKind.Array)
            {
                cues.AddRange(cueArray.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()!));
            }

            var categories = new List<EvidenceCategory>();
            if (root.TryGetProperty("categories", out var categoryArray) && categoryArray.ValueKind == JsonValueKind.Array)
            {
                categories.AddRange(categoryArray.EnumerateArray()
                    .Where(c => c.ValueKind == JsonValueKind.Object && !string.IsNullOrWhiteSpace(String(c, "id")))
                    .Select(c => new EvidenceCategory(String(c, "id")!, String(c, "name") is { Length: > 0 } name ? name : String(c, "id")!))
                    .DistinctBy(c => c.Id, StringComparer.Ordinal));
            }

            return new EvidenceView(true, label, probability, threshold, top, fields, words, cues, raw)
            {
                Pages = evidencePages,
                Categories = categories,
            };
        }
    }

    /// <summary>
    /// The pages read, in order, with the image of each OCR'd page (inbound post only). An image is taken only with a
    /// SHA-256 content hash and a sane size; its highlights are the page's low-confidence words that carry a box.
    /// </summary>
    public IReadOnlyList<EvidencePage> Pages { get; init; } = [];

    /// <summary>
    /// Every category the bot knows (inbound post: its taxonomy's, <c>categories[]</c> with <c>id</c> and <c>name</c>),
    /// the choices for a correction; empty when the evidence does not list them.
    /// </summary>
    public IReadOnlyList<EvidenceCategory> Categories { get; init; } = [];

    /// <summary>All the words of low confidence the bot counted; <see cref="LowConfidenceWords"/> may list fewer.</summary>
    public int LowConfidenceWordCount => Math.Max(LowConfidenceWords.Count, Pages.Sum(p => p.LowConfidenceWordCount));

    /// <summary>The OCR'd page images of attachment <paramref name="attachment"/> (1-based), in page order.</summary>
    public IReadOnlyList<EvidencePageImage> ImagesOf(int attachment) =>
        Pages.Where(p => p.Attachment == attachment && p.Image is not null).Select(p => p.Image!).ToList();

    /// <summary>True when an attachment has a page the evidence shows no image of (a text page), or no pages at all.</summary>
    public bool HasPagesWithoutImage(int attachment) =>
        !Pages.Any(p => p.Attachment == attachment) || Pages.Any(p => p.Attachment == attachment && p.Image is null);

    /// <summary>True when <paramref name="hash"/> is the image of one of the pages (the only blobs the page-image handler serves).</summary>
    public bool IsPageImage(string? hash) =>
        hash is not null && Pages.Any(p => string.Equals(p.Image?.Hash, hash, StringComparison.Ordinal));

    private static EvidencePageImage? PageImage(JsonElement page, List<LowConfidenceWord> words)
    {
        if (!page.TryGetProperty("image", out var image) || image.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var hash = String(image, "hash");
        var (width, height) = (Integer(image, "width") ?? 0, Integer(image, "height") ?? 0);
        if (hash is null || hash.Length != 64 || !hash.All(char.IsAsciiHexDigitLower) || width is <= 0 or > 20_000 || height is <= 0 or > 40_000)
        {
            return null;
        }

        return new EvidencePageImage(
            Integer(page, "number") ?? 0, hash, width, height, Integer(page, "lowConfidenceWordCount") ?? words.Count, words.Where(w => w.Box is not null).ToList());
    }

    private static EvidenceBox? Box(JsonElement word)
    {
        if (!word.TryGetProperty("imageBox", out var box) || box.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var (x, y, w, h) = (Number(box, "x"), Number(box, "y"), Number(box, "width"), Number(box, "height"));
        return x is { } bx && y is { } by && w is > 0 && h is > 0 ? new EvidenceBox(bx, by, w.Value, h.Value) : null;
    }

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

/// <summary>A category the bot knows: its id (what an outcome names) and its display name.</summary>
public sealed record EvidenceCategory(string Id, string Name);

public sealed record EvidenceField(string Kind, string Value, double? Confidence, int? Page);

/// <summary>A word the OCR was unsure of; <paramref name="Box"/> is where it is on its page image, if one was kept.</summary>
public sealed record LowConfidenceWord(string Text, double Confidence, int? Page, EvidenceBox? Box = null)
{
    public string Percent => (Confidence * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}

/// <summary>One page the bot read: its number, which attachment (1-based) it came from, how it was read, its image.</summary>
public sealed record EvidencePage(int Number, int Attachment, string Source, double? MeanConfidence, int LowConfidenceWordCount, EvidencePageImage? Image);

/// <summary>
/// An OCR'd page as the OCR saw it (a PNG in the blob store), its size in pixels, and the low-confidence words on it
/// (<paramref name="Words"/>: those with a box; <paramref name="LowConfidenceWordCount"/>: all of them, some may not be listed).
/// </summary>
public sealed record EvidencePageImage(int Page, string Hash, int Width, int Height, int LowConfidenceWordCount, IReadOnlyList<LowConfidenceWord> Words)
{
    /// <summary>The SVG viewBox: the image's own pixels.</summary>
    public string ViewBox => string.Create(CultureInfo.InvariantCulture, $"0 0 {Width} {Height}");
}

/// <summary>A rectangle in a page image's pixels, written as SVG attribute values (invariant culture).</summary>
public sealed record EvidenceBox(double X, double Y, double Width, double Height)
{
    public string XText => Svg(X);

    public string YText => Svg(Y);

    public string WidthText => Svg(Width);

    public string HeightText => Svg(Height);

    private static string Svg(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
