namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>
/// The classifier's second view: a multinomial logistic regression on a text's sentence embedding, the weight its
/// logits get when added to the n-gram logits (fitted on out-of-fold predictions), and the
/// <see cref="NoveltyDetector"/> on the same embeddings. The model is linear in the raw embedding: the per-dimension
/// standardisation used in training is folded into its weights and bias.
/// </summary>
public sealed class EmbeddingView
{
    internal EmbeddingView(string embedderName, SoftmaxModel model, double weight, NoveltyDetector novelty, NeighbourIndex? neighbours = null)
    {
        if (model.FeatureCount != novelty.Dimensions)
        {
            throw new ArgumentException("The model and the novelty detector must have the same dimensions.", nameof(novelty));
        }

        if (neighbours is not null && (neighbours.Dimensions != model.FeatureCount || neighbours.ClassCount != model.ClassCount))
        {
            throw new ArgumentException("The neighbour index must have the model's dimensions and classes.", nameof(neighbours));
        }

        EmbedderName = embedderName;
        Model = model;
        Weight = weight;
        Novelty = novelty;
        Neighbours = neighbours;
        _columns = Enumerable.Range(0, model.FeatureCount).ToArray();
    }

    private readonly int[] _columns;

    /// <summary>The <c>ITextEmbedder.ModelName</c> the view was trained with; another embedder is refused.</summary>
    public string EmbedderName { get; }

    public int Dimensions => Model.FeatureCount;

    /// <summary>The stacking weight: combined logits = n-gram logits + <see cref="Weight"/> × these logits.</summary>
    public double Weight { get; }

    public NoveltyDetector Novelty { get; }

    /// <summary>The training embeddings, for nearest-neighbour signals; null in files written before it existed.</summary>
    public NeighbourIndex? Neighbours { get; }

    internal SoftmaxModel Model { get; }

    /// <summary>A copy with other stacking weight and novelty detector (recalibration keeps the logistic regression).</summary>
    internal EmbeddingView With(double weight, NoveltyDetector novelty) => new(EmbedderName, Model, weight, novelty, Neighbours);

    /// <summary>The view's raw logits (before <see cref="Weight"/>) for <paramref name="embedding"/>.</summary>
    internal void Scores(float[] embedding, Span<float> logits) => Model.Scores(new SparseVector(_columns, embedding), logits);

    /// <summary>
    /// Trains the logistic regression on standardised embeddings and folds the standardisation into the weights.
    /// <paramref name="novelty"/> is fitted on the same embeddings by the caller.
    /// </summary>
    internal static SoftmaxModel Train(IReadOnlyList<float[]> embeddings, IReadOnlyList<int> labels, int classCount, SoftmaxTrainerOptions options)
    {
        var d = embeddings[0].Length;
        var mean = new double[d];
        var variance = new double[d];
        foreach (var e in embeddings)
        {
            for (var j = 0; j < d; j++)
            {
                mean[j] += e[j];
            }
        }

        for (var j = 0; j < d; j++)
        {
            mean[j] /= embeddings.Count;
        }

        foreach (var e in embeddings)
        {
            for (var j = 0; j < d; j++)
            {
                var diff = e[j] - mean[j];
                variance[j] += diff * diff;
            }
        }

        var scale = variance.Select(v => Math.Sqrt(v / embeddings.Count) + 1e-6).ToArray();
        var columns = Enumerable.Range(0, d).ToArray();
        var standardised = embeddings.Select(e =>
        {
            var values = new float[d];
            for (var j = 0; j < d; j++)
            {
                values[j] = (float)((e[j] - mean[j]) / scale[j]);
            }

            return new SparseVector(columns, values);
        }).ToList();
        var trained = SoftmaxModel.Train(standardised, labels, d, classCount, options);

        // w·((x − μ)/σ) + b = (w/σ)·x + (b − Σ w μ/σ)
        var k = classCount;
        var weights = new float[d * k];
        var bias = trained.Bias.ToArray();
        for (var j = 0; j < d; j++)
        {
            for (var c = 0; c < k; c++)
            {
                var w = trained.Weights[(j * k) + c] / scale[j];
                weights[(j * k) + c] = (float)w;
                bias[c] -= (float)(w * mean[j]);
            }
        }

        return new SoftmaxModel(d, k, weights, bias);
    }

    /// <summary>The average of several logistic regressions over the same dimensions and classes.</summary>
    internal static SoftmaxModel Average(IReadOnlyList<SoftmaxModel> models)
    {
        var first = models[0];
        var weights = new float[first.Weights.Length];
        var bias = new float[first.ClassCount];
        var share = 1f / models.Count;
        foreach (var m in models)
        {
            for (var i = 0; i < weights.Length; i++)
            {
                weights[i] += m.Weights[i] * share;
            }

            for (var c = 0; c < bias.Length; c++)
            {
                bias[c] += m.Bias[c] * share;
            }
        }

        return new SoftmaxModel(first.FeatureCount, first.ClassCount, weights, bias);
    }
}
