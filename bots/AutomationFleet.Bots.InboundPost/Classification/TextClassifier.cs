namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>
/// A trained text classifier: TF-IDF features, a linear model, a fitted temperature, optionally a
/// <see cref="CorrectnessModel"/> that turns signals about each prediction into the confidence that it is right, and
/// per-category thresholds on that confidence. Immutable and safe to share between threads.
/// </summary>
public sealed class TextClassifier
{
    private const int AlternativeCount = 3;
    private readonly Dictionary<string, int> _indexOfLabel;

    internal TextClassifier(TextFeaturizer featurizer, SoftmaxModel model, IReadOnlyList<string> labels, double temperature, CategoryThresholds thresholds, ClassifierTrainingMetadata metadata, CorrectnessModel? correctness = null, NeighbourIndex? neighbours = null)
    {
        if (labels.Count != model.ClassCount)
        {
            throw new ArgumentException("There must be one label per model class.", nameof(labels));
        }

        Featurizer = featurizer;
        Model = model;
        Labels = labels;
        Temperature = temperature;
        Thresholds = thresholds;
        Metadata = metadata;
        Correctness = correctness;
        Neighbours = neighbours;
        _indexOfLabel = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
    }

    public IReadOnlyList<string> Labels { get; }

    /// <summary>Temperature applied to the logits before the softmax (fitted on held-out data).</summary>
    public double Temperature { get; }

    public CategoryThresholds Thresholds { get; }

    public ClassifierTrainingMetadata Metadata { get; }

    /// <summary>
    /// The model of whether a top label is right; null when none was fitted (too few wrong held-out predictions to
    /// learn from, or a format-1 model file), and then the confidence is the calibrated top probability.
    /// </summary>
    public CorrectnessModel? Correctness { get; }

    internal TextFeaturizer Featurizer { get; }

    /// <summary>The training texts' vectors, for the nearest-neighbour signals of the correctness model; may be null.</summary>
    internal NeighbourIndex? Neighbours { get; }

    /// <summary>True when the correctness model uses nearest-neighbour signals (the model keeps the training vectors).</summary>
    public bool UsesNeighbours => Neighbours is not null;

    internal SoftmaxModel Model { get; }

    /// <summary>True when <paramref name="label"/> is one of the model's categories.</summary>
    public bool Knows(string label) => _indexOfLabel.ContainsKey(label);

    /// <summary>Classifies one text.</summary>
    public ClassificationResult Classify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Classify(text, NewBuffer());
    }

    /// <summary>Classifies many texts in parallel; results are in input order.</summary>
    public IReadOnlyList<ClassificationResult> ClassifyMany(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var results = new ClassificationResult[texts.Count];
        Parallel.For(0, texts.Count, NewBuffer, (i, _, buffer) =>
        {
            results[i] = Classify(texts[i], buffer);
            return buffer;
        }, _ => { });
        return results;
    }

    /// <summary>
    /// The confidence that the top label of <paramref name="text"/> is right: the <see cref="Correctness"/> model's
    /// estimate, or the calibrated top probability when there is none. This is what thresholds apply to.
    /// </summary>
    public double Confidence(string text) => Classify(text).Probability;

    /// <summary>Writes the calibrated probability of every label (in <see cref="Labels"/> order) into <paramref name="probabilities"/>.</summary>
    public void Probabilities(string text, Span<float> probabilities)
    {
        Logits(text, probabilities);
        SoftmaxModel.SoftmaxInPlace(probabilities, Temperature);
    }

    /// <summary>A copy of this classifier with other thresholds (e.g. refitted for another precision target).</summary>
    public TextClassifier WithThresholds(CategoryThresholds thresholds) =>
        new(Featurizer, Model, Labels, Temperature, thresholds, Metadata, Correctness, Neighbours);

    /// <summary>Saves the model as one versioned file (see <see cref="TextClassifierFile"/>).</summary>
    public void Save(string path) => TextClassifierFile.Save(this, path);

    /// <summary>Loads a model saved by <see cref="Save"/>.</summary>
    public static TextClassifier Load(string path) => TextClassifierFile.Load(path);

    internal void Logits(string text, Span<float> logits) => Model.Scores(Featurizer.Transform(text), logits);

    /// <summary>
    /// Raw scores, their word-column and character-column parts (without bias) and the n-gram counts: what
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

    private float[] NewBuffer() => new float[(Labels.Count * 3) + (Correctness is null ? 0 : Neighbours?.DocumentCount ?? 0)];

    private ClassificationResult Classify(string text, float[] buffer)
    {
        var probabilities = buffer.AsSpan(0, Labels.Count);
        if (Correctness is null)
        {
            Probabilities(text, probabilities);
            return ToResult(probabilities, null);
        }

        var wordScores = buffer.AsSpan(Labels.Count, Labels.Count);
        var charScores = buffer.AsSpan(Labels.Count * 2, Labels.Count);
        var x = Featurizer.Transform(text, out var stats);
        Scores(x, stats, probabilities, wordScores, charScores);
        var neighbours = Neighbours?.Similarity(x, ConfidenceFeatures.ArgMax(probabilities), buffer.AsSpan(Labels.Count * 3)) ?? default;
        Span<double> features = stackalloc double[ConfidenceFeatures.Count];
        ConfidenceFeatures.Compute(probabilities, wordScores, charScores, Temperature, stats, neighbours, features);
        SoftmaxModel.SoftmaxInPlace(probabilities, Temperature);
        return ToResult(probabilities, Correctness.Score(features));
    }

    internal int IndexOf(string label) => _indexOfLabel.TryGetValue(label, out var i) ? i : -1;

    private ClassificationResult ToResult(ReadOnlySpan<float> probabilities, double? confidence)
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
        return new ClassificationResult(label, probability, threshold, probability >= threshold, alternatives);
    }
}
