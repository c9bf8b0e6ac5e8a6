using AutomationFleet.Text;

namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>
/// A trained text classifier with two views: TF-IDF n-grams with a linear model and, optionally, a linear model on the
/// text's sentence embedding (<see cref="EmbeddingView"/>, with its novelty detector), whose logits are added with a
/// fitted weight; a fitted temperature; optionally a <see cref="CorrectnessModel"/> that turns signals about each
/// prediction into the confidence that it is right; and per-category thresholds on that confidence. A text the
/// novelty detector finds unlike the training data is never automatic. Immutable and safe to share between threads.
/// </summary>
public sealed class TextClassifier
{
    private const int AlternativeCount = 3;
    private readonly Dictionary<string, int> _indexOfLabel;

    internal TextClassifier(TextFeaturizer featurizer, SoftmaxModel model, IReadOnlyList<string> labels, double temperature, CategoryThresholds thresholds, ClassifierTrainingMetadata metadata, CorrectnessModel? correctness = null, EmbeddingView? embeddings = null, ITextEmbedder? embedder = null)
    {
        if (labels.Count != model.ClassCount)
        {
            throw new ArgumentException("There must be one label per model class.", nameof(labels));
        }

        if (embeddings is not null)
        {
            if (embedder is null)
            {
                throw new ArgumentException($"The model has an embedding view ({embeddings.EmbedderName}); it needs a text embedder to classify.", nameof(embedder));
            }

            if (!string.Equals(embedder.ModelName, embeddings.EmbedderName, StringComparison.Ordinal) || embedder.Dimensions != embeddings.Dimensions)
            {
                throw new ArgumentException(
                    $"The model was trained with the text embedder '{embeddings.EmbedderName}' ({embeddings.Dimensions} dimensions), not '{embedder.ModelName}' ({embedder.Dimensions}); retrain it or configure that embedder.",
                    nameof(embedder));
            }
        }

        Featurizer = featurizer;
        Model = model;
        Labels = labels;
        Temperature = temperature;
        Thresholds = thresholds;
        Metadata = metadata;
        Correctness = correctness;
        Embeddings = embeddings;
        Embedder = embeddings is null ? null : embedder;
        _indexOfLabel = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
    }

    public IReadOnlyList<string> Labels { get; }

    /// <summary>Temperature applied to the combined logits before the softmax (fitted on held-out data).</summary>
    public double Temperature { get; }

    public CategoryThresholds Thresholds { get; }

    public ClassifierTrainingMetadata Metadata { get; }

    /// <summary>
    /// The model of whether a top label is right; null when none was fitted (too few wrong held-out predictions to
    /// learn from, or a format-1 model file), and then the confidence is the calibrated top probability.
    /// </summary>
    public CorrectnessModel? Correctness { get; }

    /// <summary>The embedding view and its novelty detector; null for an n-gram-only model.</summary>
    public EmbeddingView? Embeddings { get; }

    /// <summary>The text embedder the embedding view uses; null for an n-gram-only model.</summary>
    public ITextEmbedder? Embedder { get; }

    internal TextFeaturizer Featurizer { get; }

    internal SoftmaxModel Model { get; }

    /// <summary>True when <paramref name="label"/> is one of the model's categories.</summary>
    public bool Knows(string label) => _indexOfLabel.ContainsKey(label);

    /// <summary>Classifies one text.</summary>
    public ClassificationResult Classify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Classify(text, Embedder?.Embed(text), NewBuffer());
    }

    /// <summary>Classifies many texts (embedded in batches, then scored in parallel); results are in input order.</summary>
    public IReadOnlyList<ClassificationResult> ClassifyMany(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var embeddings = Embedder?.EmbedMany(texts);
        var results = new ClassificationResult[texts.Count];
        Parallel.For(0, texts.Count, NewBuffer, (i, _, buffer) =>
        {
            results[i] = Classify(texts[i], embeddings?[i], buffer);
            return buffer;
        }, _ => { });
        return results;
    }

    /// <summary>
    /// The confidence that the top label of <paramref name="text"/> is right: the <see cref="Correctness"/> model's
    /// estimate, or the calibrated top probability when there is none. This is what thresholds apply to.
    /// </summary>
    public double Confidence(string text) => Classify(text).Probability;

    /// <summary>A copy of this classifier with other thresholds (e.g. refitted for another precision target).</summary>
    public TextClassifier WithThresholds(CategoryThresholds thresholds) =>
        new(Featurizer, Model, Labels, Temperature, thresholds, Metadata, Correctness, Embeddings, Embedder);

    /// <summary>Saves the model as one versioned file (see <see cref="TextClassifierFile"/>).</summary>
    public void Save(string path) => TextClassifierFile.Save(this, path);

    /// <summary>
    /// Loads a model saved by <see cref="Save"/>. A model with an embedding view needs <paramref name="embedder"/>,
    /// the same embedder it was trained with; an n-gram-only model ignores it.
    /// </summary>
    public static TextClassifier Load(string path, ITextEmbedder? embedder = null) => TextClassifierFile.Load(path, embedder);

    /// <summary>
    /// Raw n-gram scores, their word-column and character-column parts (without bias) and the n-gram counts: what
    /// <see cref="ConfidenceFeatures"/> needs.
    /// </summary>
    internal NgramStats Scores(string text, Span<float> logits, Span<float> wordScores, Span<float> charScores) =>
        Scores(Featurizer.Transform(text, out var stats), stats, logits, wordScores, charScores);

    internal NgramStats Scores(SparseVector x, NgramStats stats, Span<float> logits, Span<float> wordScores, Span<float> charScores)
    {
        Model.Scores(x, logits);
        Model.PartialScores(x, Featurizer.FirstCharColumn, wordScores);
        for (var c = 0; c < logits.Length; c++)
        {
            charScores[c] = logits[c] - wordScores[c] - Model.Bias[c];
        }

        return stats;
    }

    private float[] NewBuffer() => new float[Labels.Count * 6];

    private ClassificationResult Classify(string text, float[]? embedding, float[] buffer)
    {
        var k = Labels.Count;
        var logits = buffer.AsSpan(0, k);
        var wordScores = buffer.AsSpan(k, k);
        var charScores = buffer.AsSpan(k * 2, k);
        var ngramLogits = buffer.AsSpan(k * 3, k);
        var embeddingLogits = buffer.AsSpan(k * 4, k);
        var nearestPerClass = buffer.AsSpan(k * 5, k);
        double neighbourDistance = 0;
        var x = Featurizer.Transform(text, out var stats);
        Scores(x, stats, logits, wordScores, charScores);
        NoveltyScore? novelty = null;
        if (Embeddings is { } view && embedding is not null)
        {
            logits.CopyTo(ngramLogits);
            view.Scores(embedding, embeddingLogits);
            for (var c = 0; c < k; c++)
            {
                embeddingLogits[c] = (float)(view.Weight * embeddingLogits[c]);
                logits[c] += embeddingLogits[c];
            }

            novelty = new NoveltyScore(view.Novelty.Distance(embedding), view.Novelty.Threshold);
            if (view.Neighbours is { } neighbours && Correctness is not null)
            {
                neighbourDistance = neighbours.Search(embedding, nearestPerClass);
            }
            else
            {
                nearestPerClass = [];
            }
        }
        else
        {
            ngramLogits = [];
            embeddingLogits = [];
            nearestPerClass = [];
        }

        double? confidence = null;
        if (Correctness is not null)
        {
            Span<double> features = stackalloc double[ConfidenceFeatures.Count];
            var ratio = novelty is null ? 0 : NoveltyRatio(novelty.Distance, novelty.Threshold);
            ConfidenceFeatures.Compute(logits, wordScores, charScores, ngramLogits, embeddingLogits, Temperature, stats, ratio, nearestPerClass, neighbourDistance, features);
            confidence = Correctness.Score(features);
        }

        SoftmaxModel.SoftmaxInPlace(logits, Temperature);
        return ToResult(logits, confidence, novelty);
    }

    /// <summary>The distance as a multiple of the novelty threshold (a finite feature even with no threshold).</summary>
    internal static double NoveltyRatio(double distance, double threshold) =>
        double.IsFinite(threshold) && threshold > 0 ? distance / threshold : 0;

    internal int IndexOf(string label) => _indexOfLabel.TryGetValue(label, out var i) ? i : -1;

    private ClassificationResult ToResult(ReadOnlySpan<float> probabilities, double? confidence, NoveltyScore? novelty)
    {
        Span<int> top = stackalloc int[Math.Min(AlternativeCount, probabilities.Length)];
        top.Fill(-1);
        for (var c = 0; c < probabilities.Length; c++)
        {
            for (var r = 0; r < top.Length; r++)
            {
                if (top[r] < 0 || probabilities[c] > probabilities[top[r]])
                {
                    for (var s = top.Length - 1; s > r; s--)
                    {
                        top[s] = top[s - 1];
                    }

                    top[r] = c;
                    break;
                }
            }
        }

        var alternatives = new LabelProbability[top.Length];
        for (var r = 0; r < top.Length; r++)
        {
            alternatives[r] = new LabelProbability(Labels[top[r]], probabilities[top[r]]);
        }

        var label = Labels[top[0]];
        var probability = confidence ?? probabilities[top[0]];
        var threshold = Thresholds.For(label);
        return new ClassificationResult(label, probability, threshold, probability >= threshold && novelty is not { IsNovel: true }, alternatives, novelty);
    }
}
