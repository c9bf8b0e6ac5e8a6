using System.Security.Cryptography;
using System.Text;

namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>
/// Trains a <see cref="TextClassifier"/>: fits features and weights on the training examples, then the temperature
/// and the per-category thresholds on held-out examples the weights never saw.
/// </summary>
public static class TextClassifierTrainer
{
    /// <summary>Holds out a stratified <see cref="TextClassifierTrainingOptions.HeldOutFraction"/> of <paramref name="examples"/> and trains on the rest.</summary>
    public static TextClassifier Train(IReadOnlyList<LabelledText> examples, TextClassifierTrainingOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (training, heldOut) = DataSplits.Stratified(examples, options.HeldOutFraction, options.SplitSeed);
        return Train(training, heldOut, options, timeProvider);
    }

    /// <summary>Trains on <paramref name="training"/>; fits temperature and thresholds on <paramref name="heldOut"/>.</summary>
    public static TextClassifier Train(IReadOnlyList<LabelledText> training, IReadOnlyList<LabelledText> heldOut, TextClassifierTrainingOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(heldOut);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var started = timeProvider.GetTimestamp();

        var inScope = training.Where(e => !IsOutOfScope(e, options)).ToList();
        var labels = inScope.Select(e => e.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (labels.Count < 2)
        {
            throw new ArgumentException("Training needs examples of at least two categories.", nameof(training));
        }

        var indexOf = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var featurizer = TextFeaturizer.Fit(inScope.Select(e => e.Text).ToList(), options.Featurizer);
        var vectors = new SparseVector[inScope.Count];
        Parallel.For(0, inScope.Count, i => vectors[i] = featurizer.Transform(inScope[i].Text));
        var targets = inScope.Select(e => indexOf[e.Label]).ToArray();
        var model = SoftmaxModel.Train(vectors, targets, featurizer.FeatureCount, labels.Count, options.Softmax);

        var uncalibrated = new TextClassifier(featurizer, model, labels, 1, new CategoryThresholds(options.Thresholds.TargetPrecision, CategoryThresholds.Unreachable, new Dictionary<string, double>()), EmptyMetadata);
        var logits = new float[heldOut.Count][];
        Parallel.For(0, heldOut.Count, i =>
        {
            logits[i] = new float[labels.Count];
            uncalibrated.Logits(heldOut[i].Text, logits[i]);
        });

        var known = Enumerable.Range(0, heldOut.Count).Where(i => indexOf.ContainsKey(heldOut[i].Label)).ToList();
        var temperature = TemperatureScaling.Fit(known.Select(i => logits[i]).ToList(), known.Select(i => indexOf[heldOut[i].Label]).ToList());

        var predictions = new List<HeldOutPrediction>(heldOut.Count);
        var inScopeHeldOut = new List<(HeldOutPrediction Prediction, bool InScope)>(heldOut.Count);
        for (var i = 0; i < heldOut.Count; i++)
        {
            var probabilities = logits[i].ToArray();
            SoftmaxModel.SoftmaxInPlace(probabilities, temperature);
            var best = Array.IndexOf(probabilities, probabilities.Max());
            var prediction = new HeldOutPrediction(labels[best], probabilities[best], string.Equals(labels[best], heldOut[i].Label, StringComparison.Ordinal));
            predictions.Add(prediction);
            inScopeHeldOut.Add((prediction, indexOf.ContainsKey(heldOut[i].Label)));
        }

        var thresholds = ThresholdFitter.Fit(predictions, options.Thresholds);
        var elapsed = timeProvider.GetElapsedTime(started);

        var scoped = inScopeHeldOut.Where(p => p.InScope).Select(p => p.Prediction).ToList();
        var automatic = predictions.Where(p => p.Probability >= thresholds.For(p.PredictedLabel)).ToList();
        var metadata = new ClassifierTrainingMetadata(
            DataSha256: HashOf(training, heldOut),
            TrainedAt: timeProvider.GetUtcNow(),
            TrainingCount: inScope.Count,
            HeldOutCount: heldOut.Count,
            HeldOutAccuracy: scoped.Count == 0 ? double.NaN : scoped.Count(p => p.Correct) / (double)scoped.Count,
            HeldOutCoverage: scoped.Count == 0 ? 0 : scoped.Count(p => p.Probability >= thresholds.For(p.PredictedLabel)) / (double)scoped.Count,
            HeldOutPrecision: automatic.Count == 0 ? 1 : automatic.Count(p => p.Correct) / (double)automatic.Count,
            HeldOutEce: Reliability.Compute(scoped.Select(p => (p.Probability, p.Correct)).ToList()).ExpectedCalibrationError,
            TrainingSeconds: elapsed.TotalSeconds);
        return new TextClassifier(featurizer, model, labels, temperature, thresholds, metadata);
    }

    private static readonly ClassifierTrainingMetadata EmptyMetadata = new(string.Empty, DateTimeOffset.MinValue, 0, 0, 0, 0, 0, 0, 0);

    private static bool IsOutOfScope(LabelledText example, TextClassifierTrainingOptions options) =>
        string.Equals(example.Label, options.OutOfScopeLabel, StringComparison.Ordinal);

    private static string HashOf(IReadOnlyList<LabelledText> training, IReadOnlyList<LabelledText> heldOut)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (part, examples) in new[] { ("train", training), ("held-out", heldOut) })
        {
            sha.AppendData(Encoding.UTF8.GetBytes(part + "\u001d"));
            foreach (var e in examples)
            {
                sha.AppendData(Encoding.UTF8.GetBytes(e.Text + "\u001f" + e.Label + "\u001e"));
            }
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
