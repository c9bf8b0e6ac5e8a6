using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AutomationFleet.Bots.InboundPost.Classification;
using AutomationFleet.Bots.InboundPost.Model;
using AutomationFleet.Bots.InboundPost.Reading;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Files;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.InboundPost.Retraining;

/// <summary>
/// Consumes the <c>retrain-classifier</c> schedule's items: trains a candidate model on the training data plus the
/// reviewers' corrections for the inbound-post bot, compares it with the current model on the held-out file
/// (<see cref="ModelPromotion"/>: neither precision nor coverage may get worse) and proposes promoting it or not.
/// The candidate is written under <c>{ModelPath}.candidates/</c> (scratch, named by the item); only the delivery step
/// <see cref="PromoteModelStep"/> replaces the live model.
/// </summary>
public sealed class RetrainClassifierBot : IBot
{
    public const string BotName = "inbound-post-retrain";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly ClassifierModel _model;
    private readonly IReviewQueue _review;
    private readonly IWorkQueue _queue;
    private readonly PostTextReader _reader;
    private readonly InboundPostOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<RetrainClassifierBot> _logger;

    public RetrainClassifierBot(
        ClassifierModel model,
        IReviewQueue review,
        IWorkQueue queue,
        PostTextReader reader,
        IOptions<InboundPostOptions> options,
        TimeProvider timeProvider,
        ILogger<RetrainClassifierBot> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _model = model;
        _review = review;
        _queue = queue;
        _reader = reader;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        DeliverySteps = [new PromoteModelStep(model)];
    }

    public string Name => BotName;

    public string Queue => BotName;

    public IReadOnlyList<IDeliveryStep> DeliverySteps { get; }

    public async Task<BotDecision> DecideAsync(BotInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var corrections = await CorrectionsAsync(input, cancellationToken);
        var heldOut = LabelledTextLoader.Load(_options.HeldOutData);
        if (corrections.Count == 0)
        {
            _logger.LogInformation("Item {Reference}: no reviewer corrections for {Bot}; keeping the current model", input.Item.Reference, InboundPostBot.BotName);
            return Keep(new RetrainProposal(false, "No reviewer corrections to learn from.", 0, 0, heldOut.Count, null, null, null, null, null, null));
        }

        var training = LabelledTextLoader.Load(_options.TrainingData).Concat(corrections).ToList();
        var candidate = await Task.Run(() => ClassifierTraining.Train(training, _options.TargetPrecision, _timeProvider, _model.Embedder), cancellationToken);
        var current = _model.CurrentOrNull;
        var promotion = ModelPromotion.Compare(current, candidate, heldOut);
        _logger.LogInformation(
            "Item {Reference}: candidate trained on {Count} examples ({Corrections} corrections); promote {Promote}: {Reason}",
            input.Item.Reference, training.Count, corrections.Count, promotion.Promote, promotion.Reason);

        string? path = null;
        string? sha = null;
        if (promotion.Promote)
        {
            var folder = _options.ModelPath + ".candidates";
            OwnerOnly.CreateFolder(folder);
            path = Path.Combine(folder, Hash(Encoding.UTF8.GetBytes(input.Item.Reference))[..16] + ".model");
            candidate.Save(path);
            sha = Hash(await File.ReadAllBytesAsync(path, cancellationToken));
        }

        var proposal = new RetrainProposal(
            promotion.Promote, promotion.Reason, corrections.Count, training.Count, heldOut.Count,
            promotion.Current?.Precision, promotion.Current?.Coverage, promotion.Candidate.Precision, promotion.Candidate.Coverage,
            path, sha);
        return promotion.Promote
            ? BotDecision.Propose("promote", JsonSerializer.Serialize(proposal, JsonOptions), 1.0)
            : Keep(proposal);
    }

    internal static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static BotDecision Keep(RetrainProposal proposal) =>
        BotDecision.Propose("keep", JsonSerializer.Serialize(proposal, JsonOptions), 1.0);

    private async Task<List<LabelledText>> CorrectionsAsync(BotInput input, CancellationToken cancellationToken)
    {
        var examples = await _review.GetLabelledExamplesAsync(InboundPostBot.BotName, cancellationToken);
        var result = new List<LabelledText>();
        foreach (var example in examples)
        {
            var label = example.CorrectedCategory ?? example.ProposedCategory;
            if (string.IsNullOrWhiteSpace(label))
            {
                continue;
            }

            var item = await _queue.FindAsync(example.Reference, cancellationToken);
            if (item is null)
            {
                continue;
            }

            var post = await _reader.ReadAsync(item, input.Blobs, cancellationToken);
            if (post.HasText)
            {
                result.Add(new LabelledText(post.Text.ReplaceLineEndings(" "), label, example.Reference));
            }
        }

        return result;
    }
}
