using System.Security.Cryptography;
using System.Text;

namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>
/// Trains a <see cref="TextClassifier"/>: fits features and weights on training examples, and the temperature and the
/// per-category thresholds on predictions for examples those weights never saw (a held-out set, or out-of-fold
/// predictions when cross-fitting).
/// </summary>
public static class TextClassifierTrainer
{
    private static readonly ClassifierTrainingMetadata EmptyMetadata = new(string.Empty, DateTimeOffset.MinValue, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>
    /// Trains on <paramref name="examples"/> alone: cross-fitted over <see cref="TextClassifierTrainingOptions.CrossFitFolds"/>
    /// folds, or with a stratified <see cref="TextClassifierTrainingOptions.HeldOutFraction"/> held out.
    /// </summary>
    public static TextClassifier Train(IReadOnlyList<LabelledText> examples, TextClassifierTrainingOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (options.CrossFitFolds < 2)
        {
            var (training, heldOut) = DataSplits.Stratified(examples, options.HeldOutFraction, options.SplitSeed);
            return Train(training, heldOut, options, timeProvider);
        }

        var started = timeProvider.GetTimestamp();
        var labels = LabelsOf(examples, options);
        var folds = FoldsOf(examples, options.CrossFitFolds, options.SplitSeed);
        var signals = new PredictionSignals[examples.Count];
        var foldModels = new TextClassifier[options.CrossFitFolds];
        for (var fold = 0; fold < options.CrossFitFolds; fold++)
        {
            var inFold = Enumerable.Range(0, examples.Count).Where(i => folds[i] == fold).ToList();
            var outOfFold = Enumerable.Range(0, examples.Count).Where(i => folds[i] != fold).Select(i => examples[i]).ToList();
            var foldModel = FitWeights(outOfFold, labels, options);
            foldModels[fold] = foldModel;
            Parallel.ForEach(inFold, i => signals[i] = PredictionSignals.Of(foldModel, examples[i].Text));
        }

        var final = options.AverageFoldModels ? Average(foldModels, examples, labels, options) : FitWeights(examples, labels, options);
        return Calibrate(final, examples, examples, signals, folds, options, timeProvider, started);
    }

    /// <summary>Trains on <paramref name="training"/>; fits temperature and thresholds on <paramref name="heldOut"/>.</summary>
    public static TextClassifier Train(IReadOnlyList<LabelledText> training, IReadOnlyList<LabelledText> heldOut, TextClassifierTrainingOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(heldOut);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var started = timeProvider.GetTimestamp();
        var model = FitWeights(training, LabelsOf(training, options), options);
        var signals = new PredictionSignals[heldOut.Count];
        Parallel.For(0, heldOut.Count, i => signals[i] = PredictionSignals.Of(model, heldOut[i].Text));
        return Calibrate(model, training, heldOut, signals, null, options, timeProvider, started);
    }

    /// <summary>
    /// Keeps <paramref name="model"/>'s features and weights and fits its temperature, correctness model and
    /// thresholds again on <paramref name="heldOut"/> (examples its weights never saw). The data hash in the metadata
    /// then covers <paramref name="heldOut"/> only.
    /// </summary>
    public static TextClassifier Recalibrate(TextClassifier model, IReadOnlyList<LabelledText> heldOut, TextClassifierTrainingOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(heldOut);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var started = timeProvider.GetTimestamp();
        var signals = new PredictionSignals[heldOut.Count];
        Parallel.For(0, heldOut.Count, i => signals[i] = PredictionSignals.Of(model, heldOut[i].Text));
        return Calibrate(model, [], heldOut, signals, null, options, timeProvider, started);
    }

    private static List<string> LabelsOf(IReadOnlyList<LabelledText> examples, TextClassifierTrainingOptions options)
    {
        var labels = examples.Where(e => !IsOutOfScope(e, options)).Select(e => e.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (labels.Count < 2)
        {
            throw new ArgumentException("Training needs examples of at least two categories.", nameof(examples));
        }

        return labels;
    }

    private static int[] FoldsOf(IReadOnlyList<LabelledText> examples, int folds, int seed)
    {
        var assignment = new int[examples.Count];
        var next = 0;
        foreach (var group in Enumerable.Range(0, examples.Count).GroupBy(i => examples[i].Label, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            // Each label shuffled by its own seed: adding examples of one label (e.g. reviewer corrections) leaves the
            // other labels' folds as they were, so a retrained candidate differs from the live model by the new data
            // rather than by a reshuffle of everything.
            var random = new Random(seed ^ StableHash(group.Key));
            var members = group.ToArray();
            random.Shuffle(members);
            foreach (var i in members)
            {
                assignment[i] = next++ % folds;
            }
        }

        return assignment;
    }

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }

    private static TextClassifier FitWeights(IReadOnlyList<LabelledText> training, List<string> labels, TextClassifierTrainingOptions options)
    {
        var indexOf = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var inScope = training.Where(e => indexOf.ContainsKey(e.Label)).ToList();
        var featurizer = TextFeaturizer.Fit(inScope.Select(e => e.Text).ToList(), options.Featurizer);
        var vectors = new SparseVector[inScope.Count];
        Parallel.For(0, inScope.Count, i => vectors[i] = featurizer.Transform(inScope[i].Text));
        var targets = inScope.Select(e => indexOf[e.Label]).ToArray();
        var model = options.Model switch
        {
            LinearModelKind.Softmax => SoftmaxModel.Train(vectors, targets, featurizer.FeatureCount, labels.Count, options.Softmax),
            LinearModelKind.LinearSvm => LinearSvm.Train(vectors, targets, featurizer.FeatureCount, labels.Count, options.LinearSvm),
            LinearModelKind.Ensemble => SoftmaxModel.Sum(
                LinearSvm.Train(vectors, targets, featurizer.FeatureCount, labels.Count, options.LinearSvm),
                SoftmaxModel.Train(vectors, targets, featurizer.FeatureCount, labels.Count, options.Softmax),
                options.EnsembleSoftmaxWeight),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Model, "Unknown model kind."),
        };
        var nothingAutomatic = new CategoryThresholds(options.Thresholds.TargetPrecision, CategoryThresholds.Unreachable, new Dictionary<string, double>());
        return new TextClassifier(featurizer, model, labels, 1, nothingAutomatic, EmptyMetadata with { TrainingCount = inScope.Count });
    }

    /// <summary>
    /// The average of <paramref name="foldModels"/> as one linear model over features fitted on all in-scope examples.
    /// A fold's weight for a hash bucket is rescaled by the ratio of its IDF to the full data's IDF, so the product
    /// weight × IDF, which is what scores a text, is what gets averaged.
    /// </summary>
    private static TextClassifier Average(TextClassifier[] foldModels, IReadOnlyList<LabelledText> examples, List<string> labels, TextClassifierTrainingOptions options)
    {
        var known = labels.ToHashSet(StringComparer.Ordinal);
        var inScope = examples.Where(e => known.Contains(e.Label)).ToList();
        var featurizer = TextFeaturizer.Fit(inScope.Select(e => e.Text).ToList(), options.Featurizer);
        var k = labels.Count;
        var weights = new float[featurizer.FeatureCount * k];
        var bias = new float[k];
        var share = 1f / foldModels.Length;
        foreach (var fold in foldModels)
        {
            var foldWeights = fold.Model.Weights;
            for (var j = 0; j < fold.Featurizer.FeatureCount; j++)
            {
                if (!featurizer.TryGetColumn(fold.Featurizer.Buckets[j], out var column))
                {
                    continue;
                }

                var factor = share * fold.Featurizer.Idf[j] / featurizer.Idf[column];
                for (var c = 0; c < k; c++)
                {
                    weights[(column * k) + c] += foldWeights[(j * k) + c] * factor;
                }
            }

            for (var c = 0; c < k; c++)
            {
                bias[c] += fold.Model.Bias[c] * share;
            }
        }

        var model = new SoftmaxModel(featurizer.FeatureCount, k, weights, bias);
        var nothingAutomatic = new CategoryThresholds(options.Thresholds.TargetPrecision, CategoryThresholds.Unreachable, new Dictionary<string, double>());
        return new TextClassifier(featurizer, model, labels, 1, nothingAutomatic, EmptyMetadata with { TrainingCount = inScope.Count });
    }

    private static TextClassifier Calibrate(TextClassifier model, IReadOnlyList<LabelledText> training, IReadOnlyList<LabelledText> heldOut, PredictionSignals[] signals, int[]? folds, TextClassifierTrainingOptions options, TimeProvider timeProvider, long started)
    {
        var labels = model.Labels;

        // Nearest-neighbour signals: the in-scope training texts under the final features. With cross-fitting
        // (training and held-out are the same examples) a held-out text is compared only with texts outside its fold.
        var neighbours = model.Neighbours;
        int[]? documentFolds = null;
        if (options.Confidence is ConfidenceSource.Best or ConfidenceSource.CorrectnessWithNeighbours && training.Count > 0)
        {
            var documents = Enumerable.Range(0, training.Count).Where(i => model.Knows(training[i].Label)).ToList();
            var vectors = new SparseVector[documents.Count];
            Parallel.For(0, documents.Count, d => vectors[d] = model.Featurizer.Transform(training[documents[d]].Text));
            neighbours = NeighbourIndex.Build(vectors, documents.Select(i => model.IndexOf(training[i].Label)).ToList(), model.Featurizer.FeatureCount);
            documentFolds = folds is null ? null : documents.Select(i => folds[i]).ToArray();
        }

        var known = Enumerable.Range(0, heldOut.Count).Where(i => model.Knows(heldOut[i].Label)).ToList();
        var temperature = TemperatureScaling.Fit(known.Select(i => signals[i].Logits).ToList(), known.Select(i => model.IndexOf(heldOut[i].Label)).ToList());

        var similarity = new NeighbourSimilarity[heldOut.Count];
        if (neighbours is not null)
        {
            Parallel.For(0, heldOut.Count, () => new float[neighbours.DocumentCount], (i, _, scratch) =>
            {
                var x = model.Featurizer.Transform(heldOut[i].Text);
                similarity[i] = neighbours.Similarity(x, ConfidenceFeatures.ArgMax(signals[i].Logits), scratch, documentFolds, folds?[i] ?? -1);
                return scratch;
            }, _ => { });
        }

        var rows = new double[heldOut.Count][];
        var predicted = new int[heldOut.Count];
        var probability = new double[heldOut.Count];
        var correct = new bool[heldOut.Count];
        for (var i = 0; i < heldOut.Count; i++)
        {
            var s = signals[i];
            rows[i] = new double[ConfidenceFeatures.Count];
            predicted[i] = ConfidenceFeatures.Compute(s.Logits, s.WordScores, s.CharScores, temperature, s.Stats, similarity[i], rows[i]);
            var probabilities = s.Logits.ToArray();
            SoftmaxModel.SoftmaxInPlace(probabilities, temperature);
            probability[i] = probabilities[predicted[i]];
            correct[i] = string.Equals(labels[predicted[i]], heldOut[i].Label, StringComparison.Ordinal);
        }

        var (correctness, usesNeighbours) = ChooseConfidence(rows, correct, predicted, labels, heldOut, neighbours is not null, options, probability);
        var predictions = new List<HeldOutPrediction>(heldOut.Count);
        var inScope = new List<HeldOutPrediction>(heldOut.Count);
        for (var i = 0; i < heldOut.Count; i++)
        {
            var prediction = new HeldOutPrediction(labels[predicted[i]], probability[i], correct[i]);
            predictions.Add(prediction);
            if (model.Knows(heldOut[i].Label))
            {
                inScope.Add(prediction);
            }
        }

        var thresholds = ThresholdFitter.Fit(predictions, options.Thresholds);
        var elapsed = timeProvider.GetElapsedTime(started);
        var automatic = predictions.Where(p => p.Probability >= thresholds.For(p.PredictedLabel)).ToList();
        var metadata = new ClassifierTrainingMetadata(
            DataSha256: HashOf(training, ReferenceEquals(training, heldOut) ? [] : heldOut),
            TrainedAt: timeProvider.GetUtcNow(),
            TrainingCount: model.Metadata.TrainingCount,
            HeldOutCount: heldOut.Count,
            HeldOutAccuracy: inScope.Count == 0 ? 0 : inScope.Count(p => p.Correct) / (double)inScope.Count,
            HeldOutCoverage: inScope.Count == 0 ? 0 : inScope.Count(p => p.Probability >= thresholds.For(p.PredictedLabel)) / (double)inScope.Count,
            HeldOutPrecision: automatic.Count == 0 ? 1 : automatic.Count(p => p.Correct) / (double)automatic.Count,
            HeldOutEce: Reliability.Compute(inScope.Select(p => (p.Probability, p.Correct)).ToList()).ExpectedCalibrationError,
            TrainingSeconds: elapsed.TotalSeconds);
        return new TextClassifier(model.Featurizer, model.Model, labels, temperature, thresholds, metadata, correctness, usesNeighbours ? neighbours : null);
    }

    /// <summary>
    /// Chooses what thresholds apply to: the top probability, a <see cref="CorrectnessModel"/> without the
    /// nearest-neighbour signals, or one with them — whichever lets the fitted thresholds automate the most in-scope
    /// held-out predictions. The correctness models' scores are cross-fitted over the held-out predictions (each is
    /// scored by a model fitted on the other folds), so thresholds and this choice see scores that were not learned
    /// from the same prediction. On return <paramref name="confidence"/> holds the chosen scores; the returned model is
    /// fitted on all held-out predictions.
    /// </summary>
    private static (CorrectnessModel? Model, bool UsesNeighbours) ChooseConfidence(double[][] rows, bool[] correct, int[] predicted, IReadOnlyList<string> labels, IReadOnlyList<LabelledText> heldOut, bool hasNeighbours, TextClassifierTrainingOptions options, double[] confidence)
    {
        var right = correct.Count(c => c);
        var wrong = correct.Length - right;
        if (options.Confidence == ConfidenceSource.TopProbability || right < options.MinCorrectnessExamples || wrong < options.MinCorrectnessExamples)
        {
            return (null, false);
        }

        var known = labels.ToHashSet(StringComparer.Ordinal);
        double CoverageOf(double[] scores)
        {
            var predictions = Enumerable.Range(0, rows.Length).Select(i => new HeldOutPrediction(labels[predicted[i]], scores[i], correct[i])).ToList();
            var thresholds = ThresholdFitter.Fit(predictions, options.Thresholds);
            var inScope = Enumerable.Range(0, rows.Length).Where(i => known.Contains(heldOut[i].Label)).ToList();
            return inScope.Count(i => scores[i] >= thresholds.For(labels[predicted[i]])) / (double)Math.Max(1, inScope.Count);
        }

        var choose = options.Confidence == ConfidenceSource.Best;
        var best = (Model: (CorrectnessModel?)null, UsesNeighbours: false, Scores: confidence, Coverage: choose ? CoverageOf(confidence) : double.NegativeInfinity);
        var withoutNeighbours = rows.Select(r => WithoutNeighbours(r)).ToArray();
        var candidates = new List<(double[][] Rows, bool UsesNeighbours)>();
        if (options.Confidence is ConfidenceSource.Best or ConfidenceSource.Correctness || !hasNeighbours)
        {
            candidates.Add((withoutNeighbours, false));
        }

        if (options.Confidence is ConfidenceSource.Best or ConfidenceSource.CorrectnessWithNeighbours && hasNeighbours)
        {
            candidates.Add((rows, true));
        }

        foreach (var (variantRows, usesNeighbours) in candidates)
        {
            var scores = CrossFitCorrectness(variantRows, correct, options);
            var coverage = choose ? CoverageOf(scores) : 0;
            if (coverage > best.Coverage)
            {
                best = (CorrectnessModel.Fit(variantRows, correct, ConfidenceFeatures.Names, options.CorrectnessL2), usesNeighbours, scores, coverage);
            }
        }

        best.Scores.CopyTo(confidence, 0);
        return (best.Model, best.UsesNeighbours);
    }

    /// <summary>A copy of <paramref name="row"/> with the nearest-neighbour signals zeroed (a constant gets no weight).</summary>
    private static double[] WithoutNeighbours(double[] row)
    {
        var copy = row.ToArray();
        for (var j = ConfidenceFeatures.FirstNeighbourFeature; j < copy.Length; j++)
        {
            copy[j] = 0;
        }

        return copy;
    }

    /// <summary>Each row's score from a correctness model fitted on the other folds of rows.</summary>
    private static double[] CrossFitCorrectness(double[][] rows, bool[] correct, TextClassifierTrainingOptions options)
    {
        var folds = Math.Max(2, options.CorrectnessFolds);
        var assignment = new int[rows.Length];
        var random = new Random(options.SplitSeed + 1);
        foreach (var outcome in new[] { true, false })
        {
            var members = Enumerable.Range(0, rows.Length).Where(i => correct[i] == outcome).ToArray();
            random.Shuffle(members);
            for (var r = 0; r < members.Length; r++)
            {
                assignment[members[r]] = r % folds;
            }
        }

        var scores = new double[rows.Length];
        for (var fold = 0; fold < folds; fold++)
        {
            var train = Enumerable.Range(0, rows.Length).Where(i => assignment[i] != fold).ToList();
            var foldModel = CorrectnessModel.Fit(train.Select(i => rows[i]).ToList(), train.Select(i => correct[i]).ToList(), ConfidenceFeatures.Names, options.CorrectnessL2);
            for (var i = 0; i < rows.Length; i++)
            {
                if (assignment[i] == fold)
                {
                    scores[i] = foldModel.Score(rows[i]);
                }
            }
        }

        return scores;
    }

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
