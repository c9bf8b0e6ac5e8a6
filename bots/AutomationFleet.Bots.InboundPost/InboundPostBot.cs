using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AutomationFleet.Bots.InboundPost.Classification;
using AutomationFleet.Bots.InboundPost.Extraction;
using AutomationFleet.Bots.InboundPost.Model;
using AutomationFleet.Bots.InboundPost.Reading;
using AutomationFleet.Bots.InboundPost.Routing;
using AutomationFleet.Bots.InboundPost.Taxonomy;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Confidence;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.InboundPost;

/// <summary>
/// Reads a piece of inbound post (PDF, scan, e-mail, text), classifies it, extracts its fields and proposes where it
/// goes. The decision depends only on the item and reference data (model, taxonomy, options); the runner applies the
/// confidence policy (with the model's fitted per-category threshold) and runs the route steps.
/// </summary>
public sealed class InboundPostBot : IBot
{
    public const string BotName = "inbound-post";

    // Enough to show a poor scan's doubtful words on its image; the count beside them says how many there were in all.
    private const int MaxLowConfidenceWordsPerPage = 200;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly PostTextReader _reader;
    private readonly ClassifierModel _model;
    private readonly Extractor _extractor;
    private readonly CouncilTaxonomy _taxonomy;
    private readonly HashSet<string> _neverAutomatic;
    private readonly InboundPostOptions _options;
    private readonly Regex? _safeguardingCues;
    private readonly ILogger<InboundPostBot> _logger;

    public InboundPostBot(
        PostTextReader reader,
        ClassifierModel model,
        Extractor extractor,
        CouncilTaxonomy taxonomy,
        IRouteStepFactory routes,
        IOptions<InboundPostOptions> options,
        IOptions<ConfidenceOptions> confidence,
        ILogger<InboundPostBot> logger,
        SenderAcknowledgement? acknowledgement = null)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(confidence);
        _neverAutomatic = new HashSet<string>(
            confidence.Value.Bots.TryGetValue(BotName, out var own) ? own.NeverAutomatic : [], StringComparer.OrdinalIgnoreCase);
        _reader = reader;
        _model = model;
        _extractor = extractor;
        _taxonomy = taxonomy;
        _options = options.Value;
        _logger = logger;
        var cues = _options.SafeguardingKeywords.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => Regex.Escape(k.Trim())).ToList();
        _safeguardingCues = cues.Count == 0
            ? null
            : new Regex(@"(?<![\p{L}\p{N}])(" + string.Join("|", cues) + @")(?![\p{L}\p{N}])",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        DeliverySteps = taxonomy.Categories
            .GroupBy(c => c.Route.Kind)
            .OrderBy(g => g.Key)
            .Select(g => (IDeliveryStep)new RouteStep(g.Key, g.ToDictionary(c => c.Id, routes.Create, StringComparer.OrdinalIgnoreCase)))
            .Concat(acknowledgement?.Step is { } acknowledge ? [new AcknowledgementUnlessRedirected(acknowledge)] : [])
            .ToList();
    }

    public string Name => BotName;

    public string Queue => BotName;

    public IReadOnlyList<IDeliveryStep> DeliverySteps { get; }

    public string CompleteReviewedOutcome(string outcomeJson) => ReviewedPostOutcome.Complete(outcomeJson, _taxonomy);

    /// <summary>The outcome's <c>service</c> (the taxonomy category's service), or null if it names none or is not JSON.</summary>
    public string? ServiceOf(string outcomeJson)
    {
        if (string.IsNullOrWhiteSpace(outcomeJson))
        {
            return null;
        }

        try
        {
            using var outcome = JsonDocument.Parse(outcomeJson);
            return outcome.RootElement.ValueKind == JsonValueKind.Object
                && outcome.RootElement.TryGetProperty("service", out var service)
                && service.ValueKind == JsonValueKind.String
                && !string.IsNullOrWhiteSpace(service.GetString())
                    ? service.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async Task<BotDecision> DecideAsync(BotInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var item = input.Item;
        var post = await _reader.ReadAsync(item, input.Blobs, cancellationToken);

        if (post.Rejections.Count > 0)
        {
            var reasons = post.Rejections
                .Select(r => $"Attachment {r.Attachment} was quarantined ({r.Kind}): {r.Reason}. The file is kept in the blob store as {r.ContentHash}.")
                .ToList();
            _logger.LogInformation(
                "Item {Reference}: {Count} attachment(s) refused by the document reader; to a person", item.Reference, post.Rejections.Count);
            return new BotDecision(BotDecisionKind.NeedsPerson, null, null, 0, Evidence(post, null, null, null), reasons, false);
        }

        if (post.MailProblems.Count > 0)
        {
            _logger.LogInformation(
                "Item {Reference}: the mail source reported {Count} problem(s) reading the message; to a person", item.Reference, post.MailProblems.Count);
            return BotDecision.NeedsPerson(
                "The message could not be read in full: " + string.Join(" ", post.MailProblems),
                evidenceJson: Evidence(post, null, null, null));
        }

        if (!post.HasText)
        {
            _logger.LogInformation("Item {Reference}: no readable text in {Pages} page(s); to a person", item.Reference, post.Pages.Count);
            return BotDecision.NeedsPerson(
                post.Pages.Count == 0
                    ? "The item has no attachment or text to read."
                    : $"No readable text was found in {post.Pages.Count} page(s) (a blank or unreadable scan?).",
                evidenceJson: Evidence(post, null, null, null));
        }

        var text = post.Text;
        var classifier = _model.Current;
        var classifying = StageDurations.Start();
        var result = classifier.Classify(text);
        InboundPostMetrics.Stages.Record(InboundPostMetrics.StageClassify, classifying);
        var extracting = StageDurations.Start();
        var fields = _extractor.Extract(new ExtractionInput(text, SourceWords(post)));
        InboundPostMetrics.Stages.Record(InboundPostMetrics.StageExtract, extracting);
        var category = _taxonomy.Find(result.Label);
        if (category is null)
        {
            return BotDecision.NeedsPerson(
                $"The classifier's category '{result.Label}' is not in the taxonomy; the model and taxonomy disagree.",
                evidenceJson: Evidence(post, result, fields, null));
        }

        var cues = SafeguardingCues(text);

        // Chosen here from the text, not by the classifier: the classifier only says the post is not ours; where it
        // should go is a rule a council words itself (the route's destinations).
        var redirect = category.Route.Redirects?.Choose(text) is { } choice
            ? new PostRedirect(choice.Destination.Id, choice.Destination.Name, choice.Matched)
            : null;
        var outcome = new PostOutcome(
            category.Id,
            category.Service,
            new PostRoute(category.Route.Kind.ToString().ToLowerInvariant(), category.Route.Target),
            Math.Round(result.Probability, 4),
            fields.Select(f => new PostField(f.Kind, f.Value, Math.Round(f.Confidence, 3), f.Page)).ToList(),
            post.Pages.Count,
            post.AnyOcr ? "Ocr" : "Text",
            post.OcrMeanConfidence is { } m ? Math.Round(m, 3) : null,
            category.Route.Kind == RouteKind.Email ? category.Route.Target : null,
            redirect,
            // Only post handed to another bot carries its words on: that bot reads the matter from them.
            category.Route.Kind == RouteKind.Queue ? text[..Math.Min(text.Length, PostOutcome.MaxHandoffText)] : null);
        var serializing = StageDurations.Start();
        var outcomeJson = JsonSerializer.Serialize(outcome, JsonOptions);
        var evidenceJson = Evidence(post, result, fields, cues, redirect);
        InboundPostMetrics.Stages.Record(InboundPostMetrics.StageEvidence, serializing);

        var personReasons = new List<string>();
        var urgent = false;
        if (_neverAutomatic.Contains(category.Id))
        {
            personReasons.Add($"Category '{category.Id}' is never automatic ({ConfidenceOptions.SectionName}:Bots:{BotName}:NeverAutomatic).");
            urgent |= category.Urgent;
        }

        if (cues.Count > 0)
        {
            personReasons.Add($"Possible safeguarding concern: the text mentions {string.Join(", ", cues.Select(c => $"'{c}'"))}.");
            urgent = true;
        }

        if (result.Novelty is { IsNovel: true } novelty)
        {
            personReasons.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"The text is unlike anything this bot was trained on (distance {novelty.Distance:0.0}, typical ≤ {novelty.Threshold:0.0})."));
        }

        if (post.OcrMeanConfidence is { } ocr && ocr < _options.MinOcrConfidence)
        {
            personReasons.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"The scan read poorly: mean OCR confidence {ocr:0.00} is below {InboundPostOptions.SectionName}:MinOcrConfidence {_options.MinOcrConfidence:0.00}."));
        }

        _logger.LogInformation(
            "Item {Reference}: {Pages} page(s) ({Source}), category {Category} at {Probability:0.000} (fitted threshold {Threshold:0.000}), novelty {Novelty:0.0} (threshold {NoveltyThreshold:0.0}), {Fields} field(s)",
            item.Reference, post.Pages.Count, outcome.Source, category.Id, result.Probability, result.Threshold,
            result.Novelty?.Distance, result.Novelty?.Threshold, fields.Count);
        if (redirect is not null)
        {
            _logger.LogInformation(
                "Item {Reference}: redirect to {Destination} ({Phrases} phrase(s) matched)", item.Reference, redirect.Destination, redirect.Matched.Count);
        }

        if (personReasons.Count > 0)
        {
            return new BotDecision(
                BotDecisionKind.NeedsPerson, category.Id, outcomeJson, result.Probability, evidenceJson, personReasons, urgent)
            {
                FittedThreshold = result.Threshold,
                Service = category.Service,
            };
        }

        return BotDecision.Propose(category.Id, outcomeJson, result.Probability, evidenceJson) with
        {
            FittedThreshold = result.Threshold,
            Service = category.Service,
        };
    }

    private List<string> SafeguardingCues(string text) =>
        _safeguardingCues is null
            ? []
            : _safeguardingCues.Matches(text).Select(m => m.Value.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();

    private static List<SourceWord> SourceWords(PostText post) =>
        post.Pages.SelectMany(p => p.Words.Select(w => new SourceWord(
            w.Text, p.Number, w.Box.Left, w.Box.Top, w.Box.Right, w.Box.Bottom, w.Confidence))).ToList();

    private string Evidence(
        PostText post, ClassificationResult? result, IReadOnlyList<ExtractedField>? fields, IReadOnlyList<string>? cues, PostRedirect? redirect = null)
    {
        var evidence = new
        {
            classification = result is null
                ? null
                : new
                {
                    label = result.Label,
                    probability = Math.Round(result.Probability, 4),
                    fittedThreshold = Math.Round(result.Threshold, 4),
                    automaticByModel = result.Automatic,
                    top = result.Alternatives.Take(5).Select(a => new { label = a.Label, probability = Math.Round(a.Probability, 4) }),
                    novelty = result.Novelty is { } n
                        ? new { distance = Math.Round(n.Distance, 2), threshold = Math.Round(n.Threshold, 2), novel = n.IsNovel }
                        : null,
                    modelData = _model.Current.Metadata.DataSha256,
                },
            fields = fields?.Select(f => new
            {
                kind = f.Kind,
                value = f.Value,
                confidence = Math.Round(f.Confidence, 3),
                page = f.Page,
                box = f.Box,
            }),
            pages = post.Pages.Select(p => new
            {
                number = p.Number,
                attachment = p.Attachment,
                source = p.Source,
                characters = p.Text.Length,
                meanConfidence = Math.Round(p.MeanConfidence, 3),
                image = p.Image is { } image
                    ? new { hash = image.ContentHash, mediaType = PostPageImage.MediaType, width = image.Width, height = image.Height }
                    : null,
                lowConfidenceWordCount = p.Source == "Ocr" ? p.Words.Count(w => w.Confidence < _options.LowWordConfidence) : (int?)null,
                lowConfidenceWords = p.Source == "Ocr"
                    ? p.Words.Where(w => w.Confidence < _options.LowWordConfidence).Take(MaxLowConfidenceWordsPerPage)
                        .Select(w => new { text = w.Text, confidence = Math.Round(w.Confidence, 3), box = w.Box, imageBox = p.Image?.Map(w.Box) })
                    : null,
            }),
            rejected = post.Rejections,
            safeguardingCues = cues,
            redirect,

            // Every category the bot knows, so a reviewer can correct to any of them, not only the top few.
            categories = _taxonomy.Categories.Select(c => new { id = c.Id, name = c.DisplayName }),
        };
        return JsonSerializer.Serialize(evidence, JsonOptions);
    }
}
