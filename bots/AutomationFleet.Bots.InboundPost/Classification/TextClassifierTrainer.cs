using AutomationFleet.Text;
using System.Security.Cryptography;
using System.Text;

namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>
/// Trains a <see cref="TextClassifier"/>: fits features and weights of both views on training examples, and the
/// stacking weight, temperature, novelty threshold, correctness model and per-category thresholds on predictions for
/// examples those weights never saw (a held-out set, or out-of-fold predictions when cross-fitting). With no text
/// embedder the model has the n-gram view only.
/// </summary>
public static class TextClassifierTrainer
{
    private static readonly ClassifierTrainingMetadata EmptyMetadata = new(string.Empty, DateTimeOffset.MinValue, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>
    /// Trains on <paramref name="examples"/> alone: cross-fitted over <see cref="TextClassifierTrainingOptions.CrossFitFolds"/>
    /// folds, or with a stratified <see cref="TextClassifierTrainingOptions.HeldOutFraction"/> held out.
    /// </summary>
    /// <param name="examples">Labelled texts; examples labelled <see cref="TextClassifierTrainingOptions.OutOfScopeLabel"/> are never trained on.</param>
    /// <param name="options">How to train.</param>
    /// <param name="timeProvider">Clock for the metadata and the training time.</param>
    /// <param name="embedder">The text embedder of the embedding view; null trains the n-gram view only.</param>
    public static TextClassifier Train(IReadOnlyList<LabelledText> examples, TextClassifierTrainingOptions options, TimeProvider timeProvider, ITextEmbedder? embedder = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (options.CrossFitFolds < 2)
        {
            var (training, heldOut) = DataSplits.Stratified(examples, options.HeldOutFraction, options.SplitSeed);
            return Train(training, heldOut, options, timeProvider, embedder);
        }

        var started = timeProvider.GetTimestamp();
        var labels = LabelsOf(examples, options);
        var folds = FoldsOf(examples, options.CrossFitFolds, options.SplitSeed);
        var embeddings = embedder?.EmbedMany(examples.Select(e => e.Text).ToList());
        var signals = new PredictionSignals[examples.Count];
        var foldModels = new TextClassifier[options.CrossFitFolds];
        var foldViews = new SoftmaxModel[options.CrossFitFolds];
        for (var fold = 0; fold < options.CrossFitFolds; fold++)
        {
            var inFold = Enumerable.Range(0, examples.Count).Where(i => folds[i] == fold).ToList();
            var outOfFold = Enumerable.Range(0, examples.Count).Where(i => folds[i] != fold).ToList();
            var foldModel = FitWeights(outOfFold.Select(i => examples[i]).ToList(), labels, options);
            foldModels[fold] = foldModel;
            var (view, novelty, neighbours) = embeddings is null ? (null, null, null) : FitEmbeddingView(outOfFold, examples, embeddings, foldModel, options);
            if (view is not null)
            {
                foldViews[fold] = view;
            }

            Parallel.ForEach(inFold, i => signals[i] = PredictionSignals.Of(foldModel, examples[i].Text, embeddings?[i], view, novelty, neighbours));
        }

        var final = Average(foldModels, examples, labels, options);
        EmbeddingParts? parts = null;
        if (embeddings is not null)
        {
            var all = Enumerable.Range(0, examples.Count).ToList();
            parts = new EmbeddingParts(embedder!, EmbeddingView.Average(foldViews), FitNovelty(all, examples, embeddings, final, options), FitNeighbours(all, examples, embeddings, final, options));
        }

        var novel = NovelPredictions(examples, examples, embeddings, embeddings, labels, options);
        return Calibrate(final, parts, examples, examples, signals, novel, options, timeProvider, started);
    }

    /// <summary>Trains on <paramref name="training"/>; fits the rest on <paramref name="heldOut"/>.</summary>
    /// <param name="training">Labelled texts the weights are trained on.</param>
    /// <param name="heldOut">Labelled texts never trained on; out-of-scope ones count as errors for thresholds.</param>
    /// <param name="options">How to train.</param>
    /// <param name="timeProvider">Clock for the metadata and the training time.</param>
    /// <param name="embedder">The text embedder of the embedding view; null trains the n-gram view only.</param>
    public static TextClassifier Train(IReadOnlyList<LabelledText> training, IReadOnlyList<LabelledText> heldOut, TextClassifierTrainingOptions options, TimeProvider timeProvider, ITextEmbedder? embedder = null)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(heldOut);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var started = timeProvider.GetTimestamp();
        var model = FitWeights(training, LabelsOf(training, options), options);
        EmbeddingParts? parts = null;
        IReadOnlyList<float[]>? heldOutEmbeddings = null;
        if (embedder is not null)
        {
            var embeddings = embedder.EmbedMany(training.Select(e => e.Text).ToList());
            var all = Enumerable.Range(0, training.Count).ToList();
            var (view, novelty, neighbours) = FitEmbeddingView(all, training, embeddings, model, options);
            parts = new EmbeddingParts(embedder, view, novelty, neighbours);
            heldOutEmbeddings = embedder.EmbedMany(heldOut.Select(e => e.Text).ToList());
        }

        var signals = new PredictionSignals[heldOut.Count];
        Parallel.For(0, heldOut.Count, i => signals[i] = PredictionSignals.Of(model, heldOut[i].Text, heldOutEmbeddings?[i], parts?.View, parts?.Novelty, parts?.Neighbours));
        var trainingEmbeddings = embedder?.EmbedMany(training.Select(e => e.Text).ToList());
        var novel = NovelPredictions(training, heldOut, trainingEmbeddings, heldOutEmbeddings, model.Labels.ToList(), options);
        return Calibrate(model, parts, training, heldOut, signals, novel, options, timeProvider, started);
    }

    /// <summary>
    /// Keeps <paramref name="model"/>'s features and weights (both views) and fits its stacking weight, temperature,
    /// novelty threshold, correctness model and thresholds again on <paramref name="heldOut"/> (examples its weights
    /// never saw). The data hash in the metadata then covers <paramref name="heldOut"/> only.
    /// </summary>
    public static TextClassifier Recalibrate(TextClassifier model, IReadOnlyList<LabelledText> heldOut, TextClassifierTrainingOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(heldOut);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var started = timeProvider.GetTimestamp();
        var parts = model.Embeddings is { } view ? new EmbeddingParts(model.Embedder!, view.Model, view.Novelty, view.Neighbours) : null;
        var embeddings = parts?.Embedder.EmbedMany(heldOut.Select(e => e.Text).ToList());
        var signals = new PredictionSignals[heldOut.Count];
        Parallel.For(0, heldOut.Count, i => signals[i] = PredictionSignals.Of(model, heldOut[i].Text, embeddings?[i], parts?.View, parts?.Novelty, parts?.Neighbours));
        return Calibrate(model, parts, [], heldOut, signals, [], options, timeProvider, started);
    }

    /// <summary>
    /// Predictions for texts of categories a model never saw, made from the training data alone: the categories are
    /// split into <see cref="TextClassifierTrainingOptions.NovelCategoryFolds"/> groups; for each group a model (both
    /// views) is trained on the other categories' <paramref name="training"/> examples and predicts a sample of that
    /// group's <paramref name="targets"/>. Every such prediction is wrong by construction, so the correctness model
    /// and the thresholds learn what confident answers to unfamiliar text look like. The sample is sized so these
    /// predictions are <see cref="TextClassifierTrainingOptions.NovelShare"/> of what thresholds are fitted on.
    /// </summary>
    private static List<NovelPrediction> NovelPredictions(IReadOnlyList<LabelledText> training, IReadOnlyList<LabelledText> targets, IReadOnlyList<float[]>? trainingEmbeddings, IReadOnlyList<float[]>? targetEmbeddings, List<string> labels, TextClassifierTrainingOptions options)
    {
        // Each model must still know at least two categories.
        var groups = Math.Min(options.NovelCategoryFolds, labels.Count / 2);
        if (groups < 2 || options.NovelShare <= 0)
        {
            return [];
        }

        var known = labels.ToHashSet(StringComparer.Ordinal);
        var candidates = Enumerable.Range(0, targets.Count).Where(i => known.Contains(targets[i].Label)).ToArray();
        var random = new Random(options.SplitSeed + 2);
        random.Shuffle(candidates);
        var wanted = (int)Math.Round(candidates.Length * options.NovelShare / (1 - options.NovelShare));
        var sample = candidates.Take(Math.Min(wanted, candidates.Length)).ToList();

        var order = labels.ToArray();
        random.Shuffle(order);
        var groupOf = order.Select((l, i) => (l, i % groups)).ToDictionary(p => p.l, p => p.Item2, StringComparer.Ordinal);
        var predictions = new List<NovelPrediction>(sample.Count);
        for (var g = 0; g < groups; g++)
        {
            var seen = labels.Where(l => groupOf[l] != g).ToList();
            var members = sample.Where(i => groupOf[targets[i].Label] == g).ToList();
            if (members.Count == 0)
            {
                continue;
            }

            var model = FitWeights(training, seen, options);
            SoftmaxModel? view = null;
            NoveltyDetector? novelty = null;
            NeighbourIndex? neighbours = null;
            if (trainingEmbeddings is not null)
            {
                (view, novelty, neighbours) = FitEmbeddingView(Enumerable.Range(0, training.Count).ToList(), training, trainingEmbeddings, model, options);
            }

            var signals = new PredictionSignals[members.Count];
            Parallel.For(0, members.Count, m => signals[m] = PredictionSignals.Of(model, targets[members[m]].Text, targetEmbeddings?[members[m]], view, novelty, neighbours));
            predictions.AddRange(signals.Select(s => new NovelPrediction(s, model.Labels)));
        }

        return predictions;
    }

    /// <summary>A prediction for a text of a category its model never saw, with that model's labels.</summary>
    private sealed record NovelPrediction(PredictionSignals Signals, IReadOnlyList<string> Labels);

    /// <summary>The embedding view's logistic regression, novelty detector and neighbour index, fitted on <paramref name="members"/>.</summary>
    private static (SoftmaxModel View, NoveltyDetector Novelty, NeighbourIndex? Neighbours) FitEmbeddingView(IReadOnlyList<int> members, IReadOnlyList<LabelledText> examples, IReadOnlyList<float[]> embeddings, TextClassifier model, TextClassifierTrainingOptions options)
    {
        var inScope = members.Where(i => model.Knows(examples[i].Label)).ToList();
        var view = EmbeddingView.Train(inScope.Select(i => embeddings[i]).ToList(), inScope.Select(i => model.IndexOf(examples[i].Label)).ToList(), model.Labels.Count, options.EmbeddingSoftmax);
        return (view, FitNovelty(members, examples, embeddings, model, options), FitNeighbours(members, examples, embeddings, model, options));
    }

    /// <summary>The neighbour index of <paramref name="members"/>' in-scope embeddings; null when <see cref="TextClassifierTrainingOptions.NeighbourCount"/> is below 1.</summary>
    private static NeighbourIndex? FitNeighbours(IReadOnlyList<int> members, IReadOnlyList<LabelledText> examples, IReadOnlyList<float[]> embeddings, TextClassifier model, TextClassifierTrainingOptions options)
    {
        if (options.NeighbourCount < 1)
        {
            return null;
        }

        var inScope = members.Where(i => model.Knows(examples[i].Label)).ToList();
        return NeighbourIndex.Fit(inScope.Select(i => embeddings[i]).ToList(), inScope.Select(i => model.IndexOf(examples[i].Label)).ToList(), model.Labels.Count, options.NeighbourCount);
    }

    private static NoveltyDetector FitNovelty(IReadOnlyList<int> members, IReadOnlyList<LabelledText> examples, IReadOnlyList<float[]> embeddings, TextClassifier model, TextClassifierTrainingOptions options)
    {
        var inScope = members.Where(i => model.Knows(examples[i].Label)).ToList();
        return NoveltyDetector.Fit(inScope.Select(i => embeddings[i]).ToList(), inScope.Select(i => model.IndexOf(examples[i].Label)).ToList(), model.Labels.Count, options.NoveltyShrinkage);
    }

    /// <summary>The embedding view while it is being fitted: the embedder, its logistic regression and novelty detector.</summary>
    private sealed record EmbeddingParts(ITextEmbedder Embedder, SoftmaxModel View, NoveltyDetector Novelty, NeighbourIndex? Neighbours);

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
        var model = SoftmaxModel.Sum(
            LinearSvm.Train(vectors, targets, featurizer.FeatureCount, labels.Count, options.LinearSvm),
            SoftmaxModel.Train(vectors, targets, featurizer.FeatureCount, labels.Count, options.Softmax),
            options.EnsembleSoftmaxWeight);
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

    private static TextClassifier Calibrate(TextClassifier model, EmbeddingParts? parts, IReadOnlyList<LabelledText> training, IReadOnlyList<LabelledText> heldOut, PredictionSignals[] signals, IReadOnlyList<NovelPrediction> novelPredictions, TextClassifierTrainingOptions options, TimeProvider timeProvider, long started)
    {
        var labels = model.Labels;
        var known = Enumerable.Range(0, heldOut.Count).Where(i => model.Knows(heldOut[i].Label)).ToList();
        var truth = known.Select(i => model.IndexOf(heldOut[i].Label)).ToList();

        // Stacking: the weight of the embedding view's logits that, with its own temperature, gives the held-out
        // in-scope predictions the lowest negative log-likelihood.
        var weight = 0.0;
        EmbeddingView? view = null;
        var noveltyThreshold = double.PositiveInfinity;
        if (parts is not null)
        {
            var best = double.PositiveInfinity;
            foreach (var candidate in StackingWeights)
            {
                var combined = known.Select(i => signals[i].Combined(candidate)).ToList();
                var nll = TemperatureScaling.NegativeLogLikelihood(combined, truth, TemperatureScaling.Fit(combined, truth));
                if (nll < best)
                {
                    (best, weight) = (nll, candidate);
                }
            }

            noveltyThreshold = NoveltyDetector.QuantileOf(known.Select(i => signals[i].Distance).ToList(), options.NoveltyQuantile);
            view = new EmbeddingView(parts.Embedder.ModelName, parts.View, weight, parts.Novelty.WithThreshold(noveltyThreshold), parts.Neighbours);
        }

        var logits = signals.Select(s => s.Combined(weight)).ToArray();
        var temperature = TemperatureScaling.Fit(known.Select(i => logits[i]).ToList(), truth);

        // Rows: the held-out predictions, then the predictions for categories their model never saw (all wrong).
        var count = heldOut.Count + novelPredictions.Count;
        var rows = new double[count][];
        var predictedLabel = new string[count];
        var probability = new double[count];
        var correct = new bool[count];
        var novel = new bool[count];
        for (var i = 0; i < count; i++)
        {
            var own = i < heldOut.Count;
            var s = own ? signals[i] : novelPredictions[i - heldOut.Count].Signals;
            var combined = own ? logits[i] : s.Combined(weight);
            rows[i] = new double[ConfidenceFeatures.Count];
            var weighted = s.EmbeddingLogits is { } e ? e.Select(v => (float)(weight * v)).ToArray() : [];
            var ratio = TextClassifier.NoveltyRatio(s.Distance, noveltyThreshold);
            var top = ConfidenceFeatures.Compute(combined, s.WordScores, s.CharScores, parts is null ? [] : s.Logits, weighted, temperature, s.Stats, ratio, s.NearestPerClass ?? [], s.NeighbourDistance, rows[i]);
            var probabilities = combined.ToArray();
            SoftmaxModel.SoftmaxInPlace(probabilities, temperature);
            probability[i] = probabilities[top];
            predictedLabel[i] = own ? labels[top] : novelPredictions[i - heldOut.Count].Labels[top];
            correct[i] = own && string.Equals(predictedLabel[i], heldOut[i].Label, StringComparison.Ordinal);
            novel[i] = parts is not null && s.Distance > noveltyThreshold;
        }

        var correctness = FitCorrectness(rows, correct, options, probability);

        // A novel text is never automatic, so for the thresholds it counts as one that no threshold lets through.
        var predictions = new List<HeldOutPrediction>(count);
        var inScope = new List<HeldOutPrediction>(heldOut.Count);
        for (var i = 0; i < count; i++)
        {
            var prediction = new HeldOutPrediction(predictedLabel[i], novel[i] ? 0 : probability[i], correct[i]);
            predictions.Add(prediction);
            if (i < heldOut.Count && model.Knows(heldOut[i].Label))
            {
                inScope.Add(prediction);
            }
        }

        var thresholds = ThresholdFitter.Fit(predictions, options.Thresholds);
        var elapsed = timeProvider.GetElapsedTime(started);
        var automatic = predictions.Take(heldOut.Count).Where(p => p.Probability >= thresholds.For(p.PredictedLabel)).ToList();
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
        return new TextClassifier(model.Featurizer, model.Model, labels, temperature, thresholds, metadata, correctness, view, parts?.Embedder);
    }

    /// <summary>Candidate weights of the embedding view's logits in the stack (0 = n-gram view alone).</summary>
    private static readonly double[] StackingWeights = [0, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8];

    /// <summary>
    /// Fits the <see cref="CorrectnessModel"/> on all held-out predictions, or returns null (thresholds then apply to
    /// the top probability) with too few right or wrong predictions to learn from. Its scores for the held-out
    /// predictions are cross-fitted (each scored by a model fitted on the other folds), so thresholds are fitted on
    /// scores not learned from the same prediction; on return <paramref name="confidence"/> holds those scores.
    /// </summary>
    private static CorrectnessModel? FitCorrectness(double[][] rows, bool[] correct, TextClassifierTrainingOptions options, double[] confidence)
    {
        var right = correct.Count(c => c);
        var wrong = correct.Length - right;
        if (right < options.MinCorrectnessExamples || wrong < options.MinCorrectnessExamples)
        {
            return null;
        }

        CrossFitCorrectness(rows, correct, options).CopyTo(confidence, 0);
        return CorrectnessModel.Fit(rows, correct, ConfidenceFeatures.Names, options.CorrectnessL2);
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
