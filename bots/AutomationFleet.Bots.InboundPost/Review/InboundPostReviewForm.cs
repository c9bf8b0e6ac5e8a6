using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutomationFleet.Bots.InboundPost.Extraction;
using AutomationFleet.Bots.InboundPost.Routing;
using AutomationFleet.Bots.InboundPost.Taxonomy;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.Review.Forms;

namespace AutomationFleet.Bots.InboundPost.Review;

/// <summary>
/// The inbound-post bot's part of the review portal's item page. Evidence: top categories, extracted fields, the words
/// the OCR was unsure of, the novelty score, safeguarding cues as alerts, and each OCR'd page's image with those words
/// outlined. Correction: the category (any of the taxonomy's) and one text box per kind of field, so a reviewer can fix
/// a misread value or add a missed one. <see cref="Correct"/> writes the corrected <see cref="PostOutcome"/> with the
/// new category's service and route (<see cref="ReviewedPostOutcome"/>), the fields a reviewer changed marked
/// <see cref="PostField.Reviewed"/>.
/// </summary>
public sealed class InboundPostReviewForm(CouncilTaxonomy taxonomy) : IReviewForm
{
    /// <summary>The name (and HTML id) of the category field.</summary>
    public const string CategoryField = "category";

    private const string FieldPrefix = "field-";

    // Beyond this the image is not a page the bot wrote: drawn, it would stretch the page.
    private const int MaxImageWidth = 20_000;
    private const int MaxImageHeight = 40_000;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        [FieldKinds.Postcode] = "Postcode",
        [FieldKinds.DateOfBirth] = "Date of birth (yyyy-mm-dd)",
        [FieldKinds.NhsNumber] = "NHS number",
        [FieldKinds.Email] = "E-mail address",
        [FieldKinds.Phone] = "Phone number",
    };

    public string Bot => InboundPostBot.BotName;

    /// <summary>The correction field name (and HTML id) of a kind of field: <c>field-</c> and the kind in kebab case.</summary>
    public static string FieldName(string kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var name = new System.Text.StringBuilder(FieldPrefix);
        for (var i = 0; i < kind.Length; i++)
        {
            var c = kind[i];
            if (char.IsAsciiLetterUpper(c) && i > 0 && name[^1] != '-')
            {
                name.Append('-');
            }

            name.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
        }

        return name.ToString();
    }

    public ReviewView Present(ReviewTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var alerts = new List<string>();
        var evidence = InboundPostEvidence.Read(task.Request.EvidenceJson);
        if (evidence is null)
        {
            alerts.Add("The bot's evidence could not be read; decide from the document.");
            evidence = InboundPostEvidence.Empty;
        }

        if (evidence.SafeguardingCues is { Count: > 0 } cues)
        {
            alerts.Add($"Possible safeguarding concern: the text mentions {string.Join(", ", cues.Select(c => $"'{c}'"))}.");
        }

        var tables = new List<EvidenceTable>();
        if (evidence.Classification is { } classification)
        {
            tables.Add(TopCategories(classification));
            if (classification.Novelty is { } novelty)
            {
                tables.Add(Novelty(novelty));
            }
        }

        tables.Add(Fields(evidence.Fields ?? []));
        if (Words(evidence.Pages ?? []) is { } words)
        {
            tables.Add(words);
        }

        var fields = OutcomeFields(task.Request.ProposalJson);
        var correction = new List<CorrectionField> { Category(task, evidence) };
        correction.AddRange(EditableKinds(fields).Select(kind => FieldOf(kind, fields)));
        return new ReviewView(tables, correction, alerts, Pages(evidence.Pages ?? []));
    }

    public ReviewCorrection Correct(ReviewTask task, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(values);
        var chosen = values.GetValueOrDefault(CategoryField)?.Trim();
        var category = taxonomy.Find(chosen) ?? throw new ReviewFormException(string.IsNullOrEmpty(chosen)
            ? "Choose the correct category."
            : $"'{chosen}' is not a category of the council taxonomy; choose one from the list.");

        var outcome = ProposedOutcome(task);
        var fields = OutcomeFields(task.Request.ProposalJson).ToList();
        foreach (var kind in EditableKinds(fields))
        {
            if (!values.TryGetValue(FieldName(kind), out var submitted))
            {
                continue;
            }

            var index = fields.FindIndex(f => f.Kind == kind);
            var value = Normalise(kind, submitted.Trim());
            if (index >= 0 && fields[index].Value == value)
            {
                continue;
            }

            if (value.Length == 0)
            {
                // Emptied by the reviewer: the bot found something that is not there.
                if (index >= 0)
                {
                    fields.RemoveAt(index);
                }
            }
            else if (index >= 0)
            {
                fields[index] = fields[index] with { Value = value, Confidence = 1.0, Reviewed = true };
            }
            else
            {
                fields.Add(new PostField(kind, value, 1.0, null, Reviewed: true));
            }
        }

        outcome["category"] = category.Id;
        outcome["fields"] = JsonSerializer.SerializeToNode(fields, JsonOptions);
        try
        {
            return new ReviewCorrection(ReviewedPostOutcome.Complete(outcome.ToJsonString(), taxonomy), category.Id);
        }
        catch (ReviewedOutcomeException exception)
        {
            throw new ReviewFormException(exception.Message);
        }
    }

    private EvidenceTable TopCategories(EvidenceClassification classification)
    {
        var rows = (classification.Top ?? [])
            .Where(a => a.Label is not null)
            .Select(a => (IReadOnlyList<string>)[NameOf(a.Label!), Percent(a.Probability, "0.0")])
            .ToList();
        var note = classification.FittedThreshold is { } threshold && classification.Label is { } label
            ? string.Create(CultureInfo.InvariantCulture, $"Fitted threshold for {label}: {threshold:0.00}; below it, a person decides.")
            : null;
        return new EvidenceTable("top-categories", "Top categories", ["Category", "Probability"], rows, note);
    }

    private static EvidenceTable Novelty(EvidenceNovelty novelty) => new(
        "novelty",
        "How unlike the training letters it is",
        ["Distance", "Typical at most", "Unlike anything trained on"],
        [[Number(novelty.Distance, "0.0"), Number(novelty.Threshold, "0.0"), novelty.Novel ? "Yes" : "No"]],
        "The distance of the text from the letters the model was trained on; above the typical distance it is a new kind of letter, and its category is a guess.");

    private static EvidenceTable Fields(IReadOnlyList<EvidenceField> fields) => new(
        "fields",
        "Extracted fields",
        ["Field", "Value", "Confidence", "Page"],
        fields.Select(f => (IReadOnlyList<string>)[
            f.Kind ?? "?", f.Value ?? "", f.Confidence is { } c ? Number(c, "0.00") : "", f.Page?.ToString(CultureInfo.InvariantCulture) ?? ""]).ToList(),
        fields.Count == 0 ? "None found." : null);

    private static EvidenceTable? Words(IReadOnlyList<EvidencePage> pages)
    {
        var words = pages
            .SelectMany(p => (p.LowConfidenceWords ?? []).Select(w => (IReadOnlyList<string>)[
                w.Text ?? "", p.Number?.ToString(CultureInfo.InvariantCulture) ?? "", Percent(w.Confidence, "0")]))
            .ToList();
        if (words.Count == 0)
        {
            return null;
        }

        var total = Math.Max(words.Count, pages.Sum(p => p.LowConfidenceWordCount ?? 0));
        return new EvidenceTable(
            "low-confidence-words",
            "Words the OCR was unsure of",
            ["Word", "Page", "OCR confidence"],
            words,
            total > words.Count ? $"The first {words.Count} of {total}." : "They are outlined on the page images.");
    }

    private static List<ReviewPage> Pages(IReadOnlyList<EvidencePage> pages) =>
        pages.Select((p, i) => new ReviewPage(p.Attachment ?? 1, p.Number ?? i + 1, Image(p))).ToList();

    private static ReviewPageImage? Image(EvidencePage page)
    {
        if (page.Image is not { Hash: { Length: 64 } hash } image
            || !hash.All(char.IsAsciiHexDigitLower)
            || image.Width is <= 0 or > MaxImageWidth
            || image.Height is <= 0 or > MaxImageHeight)
        {
            return null;
        }

        var words = page.LowConfidenceWords ?? [];
        var marks = words
            .Where(w => w.ImageBox is { Width: > 0, Height: > 0 })
            .Select(w => new ReviewPageMark(
                w.ImageBox!.X, w.ImageBox.Y, w.ImageBox.Width, w.ImageBox.Height, $"\"{w.Text}\": OCR confidence {Percent(w.Confidence, "0")}"))
            .ToList();
        var count = page.LowConfidenceWordCount ?? words.Count;
        var note = count == 0 ? "No words of low confidence." : $"{count} word(s) of low confidence are outlined, and listed under Evidence.";
        return new ReviewPageImage(hash, image.Width, image.Height, marks, note);
    }

    /// <summary>The proposed, then the top categories, then the rest of the taxonomy; each once, labelled "Name (id)".</summary>
    private CorrectionField Category(ReviewTask task, InboundPostEvidence evidence)
    {
        var ids = new List<string?> { task.Request.Category };
        ids.AddRange((evidence.Classification?.Top ?? []).Select(a => a.Label));
        ids.AddRange(taxonomy.Categories.Select(c => c.Id));
        var choices = ids
            .Select(taxonomy.Find)
            .OfType<TaxonomyCategory>()
            .DistinctBy(c => c.Id, StringComparer.Ordinal)
            .Select(c => new CorrectionChoice(c.Id, NameOf(c.Id)))
            .ToList();
        return new CorrectionField(
            CategoryField, "Correct category", CorrectionFieldKind.Select, taxonomy.Find(task.Request.Category)?.Id, choices,
            "The service and route follow the category.");
    }

    private static CorrectionField FieldOf(string kind, IReadOnlyList<PostField> fields)
    {
        var found = fields.Where(f => f.Kind == kind).ToList();
        var help = found.Count switch
        {
            0 => "Not found by the bot; enter it if the letter has one.",
            1 => "Fix it if the bot misread it; empty it if the letter has none.",
            _ => $"The bot also found: {string.Join(", ", found.Skip(1).Select(f => f.Value))} (kept as found).",
        };
        return new CorrectionField(FieldName(kind), Labels.GetValueOrDefault(kind, kind), CorrectionFieldKind.Text, found.FirstOrDefault()?.Value, [], help);
    }

    /// <summary>Every built-in kind (so a missed value can be added), then any other kind the outcome has.</summary>
    private static List<string> EditableKinds(IReadOnlyList<PostField> fields) =>
        FieldKinds.All.Concat(fields.Select(f => f.Kind)).Distinct(StringComparer.Ordinal).ToList();

    private static string Normalise(string kind, string value)
    {
        if (value.Length == 0)
        {
            return value;
        }

        switch (kind)
        {
            case FieldKinds.Postcode:
                return string.Join(' ', value.ToUpperInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
            case FieldKinds.DateOfBirth:
                return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                    : throw new ReviewFormException($"The date of birth '{value}' is not a date written yyyy-mm-dd (e.g. 1950-03-21).");
            case FieldKinds.NhsNumber:
                var digits = string.Concat(value.Where(c => !char.IsWhiteSpace(c)));
                return digits.Length == 10 && digits.All(char.IsAsciiDigit) && NhsNumberRecogniser.IsValid(digits)
                    ? digits
                    : throw new ReviewFormException($"'{value}' is not a valid NHS number (ten digits that pass the check digit).");
            case FieldKinds.Email:
                var at = value.LastIndexOf('@');
                return at > 0 && at < value.Length - 1
                    ? value[..at] + "@" + value[(at + 1)..].ToLowerInvariant()
                    : throw new ReviewFormException($"'{value}' is not an e-mail address.");
            default:
                return value;
        }
    }

    private static JsonObject ProposedOutcome(ReviewTask task)
    {
        if (ParseObject(task.Request.ProposalJson) is { } proposed)
        {
            return proposed;
        }

        // The bot could not propose (no readable text, a refused file): the reviewer's outcome starts from nothing.
        var pages = InboundPostEvidence.Read(task.Request.EvidenceJson)?.Pages ?? [];
        return new JsonObject
        {
            ["confidence"] = 1.0,
            ["pages"] = pages.Count,
            ["source"] = pages.Any(p => p.Source == "Ocr") ? "Ocr" : "Text",
            ["ocrMeanConfidence"] = null,
        };
    }

    private static List<PostField> OutcomeFields(string? proposalJson)
    {
        if (ParseObject(proposalJson)?["fields"] is not JsonArray array)
        {
            return [];
        }

        try
        {
            return array.Deserialize<List<PostField>>(JsonOptions)?.Where(f => f.Kind is not null).ToList() ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static JsonObject? ParseObject(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private string NameOf(string id) =>
        taxonomy.Find(id) is { } category && category.DisplayName != category.Id ? $"{category.DisplayName} ({category.Id})" : id;

    private static string Percent(double probability, string format) =>
        (probability * 100).ToString(format, CultureInfo.InvariantCulture) + "%";

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
