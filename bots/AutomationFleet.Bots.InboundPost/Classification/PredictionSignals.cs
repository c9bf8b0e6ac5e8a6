namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>
/// What a model's views produced for one text: the n-gram logits, their word and character parts, n-gram counts and,
/// with an embedding view, its raw (unweighted) logits, the novelty distance and, with a neighbour index, the cosine
/// distance to the k-th nearest training text and to the nearest of each class.
/// </summary>
internal sealed record PredictionSignals(float[] Logits, float[] WordScores, float[] CharScores, NgramStats Stats, float[]? EmbeddingLogits, double Distance, float[]? NearestPerClass = null, double NeighbourDistance = 0)
{
    /// <summary>The n-gram view's signals of <paramref name="text"/>, with the embedding view's when it has an embedding.</summary>
    public static PredictionSignals Of(TextClassifier model, string text, float[]? embedding, SoftmaxModel? embeddingModel, NoveltyDetector? novelty, NeighbourIndex? neighbours)
    {
        var k = model.Labels.Count;
        var logits = new float[k];
        var word = new float[k];
        var chars = new float[k];
        var stats = model.Scores(text, logits, word, chars);
        if (embedding is null || embeddingModel is null || novelty is null)
        {
            return new PredictionSignals(logits, word, chars, stats, null, 0);
        }

        var embeddingLogits = new float[k];
        embeddingModel.Scores(new SparseVector(Enumerable.Range(0, embedding.Length).ToArray(), embedding), embeddingLogits);
        float[]? nearest = null;
        double neighbourDistance = 0;
        if (neighbours is not null)
        {
            nearest = new float[k];
            neighbourDistance = neighbours.Search(embedding, nearest);
        }

        return new PredictionSignals(logits, word, chars, stats, embeddingLogits, novelty.Distance(embedding), nearest, neighbourDistance);
    }

    /// <summary>The combined logits: n-gram logits plus <paramref name="weight"/> × the embedding view's.</summary>
    public float[] Combined(double weight)
    {
        var combined = Logits.ToArray();
        if (EmbeddingLogits is { } e)
        {
            for (var c = 0; c < combined.Length; c++)
            {
                combined[c] += (float)(weight * e[c]);
            }
        }

        return combined;
    }
}
