namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>
/// What the <see cref="CorrectnessModel"/> sees of one prediction: signals that tell a right top label from a wrong one,
/// computed the same way for out-of-fold predictions (training) and for new texts.
/// </summary>
internal static class ConfidenceFeatures
{
    /// <summary>Feature names, in order (also written to the model file so a reader can check them).</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "logit_top",        // ln(p1 / (1 - p1)) of the calibrated top probability
        "log_ratio_top2",   // ln(p1 / p2): the calibrated top-1 vs top-2 gap
        "entropy",          // entropy of the calibrated distribution
        "word_view_prob",   // probability of the predicted label from the word-n-gram part of the scores alone
        "word_view_agrees", // 1 when the word part alone has the same top label
        "char_view_prob",   // the same for the character-n-gram part
        "char_view_agrees",
        "unseen_share",     // share of the text's n-grams never seen in training
        "log_length",       // ln(1 + number of word n-grams)
        "ngram_view_prob",  // probability of the predicted label from the n-gram logits alone (0 without embeddings)
        "ngram_view_agrees",
        "embedding_view_prob", // ... from the embedding view's (weighted) logits alone
        "embedding_view_agrees",
        "novelty",          // Mahalanobis distance ÷ the novelty threshold (0 without embeddings)
        "second_agrees",    // 1 when the n-gram and embedding views have the same runner-up label (0 without embeddings)
        "knn_distance",     // cosine distance to the k-th nearest training text (0 without a neighbour index)
        "nearest_label",    // cosine distance to the nearest training text of the predicted label
        "nearest_gap",      // nearest_label minus the same for the runner-up label
    ];

    /// <summary>The features of format-3 files written before the runner-up and neighbour signals (their first ones).</summary>
    public const int EmbeddingFeatureCount = 14;

    /// <summary>
    /// The features of format-2 model files. Their last three (nearest-neighbour signals) are no longer computed; a
    /// format-2 model trained without them (the default then) had them constant at zero, so they add nothing.
    /// </summary>
    public static readonly IReadOnlyList<string> Format2Names = [.. Names.Take(NgramFeatureCount), "nn_same", "nn_other", "nn_agrees"];

    public static int Count => Names.Count;

    /// <summary>The n-gram features come first; format 2 had only these (and the neighbour signals).</summary>
    public const int NgramFeatureCount = 9;

    /// <summary>The index of the largest value (the first one on ties).</summary>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var c = 1; c < values.Length; c++)
        {
            best = values[c] > values[best] ? c : best;
        }

        return best;
    }

    /// <summary>Computes the features of one prediction into <paramref name="features"/>.</summary>
    /// <param name="logits">Full raw scores (n-gram plus weighted embedding view, biases included).</param>
    /// <param name="wordScores">The part of the n-gram scores from word-n-gram columns (no bias).</param>
    /// <param name="charScores">The part from character-n-gram columns (no bias).</param>
    /// <param name="ngramLogits">The n-gram logits alone, or empty without an embedding view.</param>
    /// <param name="embeddingLogits">The embedding view's weighted logits alone, or empty.</param>
    /// <param name="temperature">The fitted temperature.</param>
    /// <param name="stats">Counts of the text's n-grams.</param>
    /// <param name="novelty">Mahalanobis distance ÷ the novelty threshold (0 without an embedding view).</param>
    /// <param name="nearestPerClass">Cosine distance to the nearest training text of each class, or empty without a neighbour index.</param>
    /// <param name="neighbourDistance">Cosine distance to the k-th nearest training text (ignored without a neighbour index).</param>
    /// <param name="features">Receives <see cref="Count"/> values.</param>
    /// <returns>The index of the predicted (top) label.</returns>
    public static int Compute(ReadOnlySpan<float> logits, ReadOnlySpan<float> wordScores, ReadOnlySpan<float> charScores, ReadOnlySpan<float> ngramLogits, ReadOnlySpan<float> embeddingLogits, double temperature, NgramStats stats, double novelty, ReadOnlySpan<float> nearestPerClass, double neighbourDistance, Span<double> features)
    {
        var k = logits.Length;
        var top = ArgMax(logits);
        var second = top == 0 ? 1 : 0;
        for (var c = 0; c < k; c++)
        {
            second = c != top && logits[c] > logits[second] ? c : second;
        }

        // Calibrated probabilities and entropy, in double.
        double sum = 0;
        for (var c = 0; c < k; c++)
        {
            sum += Math.Exp((logits[c] - logits[top]) / temperature);
        }

        double entropy = 0;
        for (var c = 0; c < k; c++)
        {
            var p = Math.Exp((logits[c] - logits[top]) / temperature) / sum;
            entropy -= p > 0 ? p * Math.Log(p) : 0;
        }

        var p1 = Math.Clamp(1 / sum, 1e-9, 1 - 1e-9);
        features[0] = Math.Log(p1 / (1 - p1));
        features[1] = (logits[top] - logits[second]) / temperature;
        features[2] = entropy;

        var (wordProb, wordAgrees) = View(wordScores, top, temperature);
        features[3] = wordProb;
        features[4] = wordAgrees ? 1 : 0;

        var (charProb, charAgrees) = View(charScores, top, temperature);
        features[5] = charProb;
        features[6] = charAgrees ? 1 : 0;
        features[7] = stats.Total == 0 ? 1 : stats.Unseen / (double)stats.Total;
        features[8] = Math.Log(1 + stats.WordNgrams);
        features[9..].Clear();
        if (!embeddingLogits.IsEmpty)
        {
            var (ngramProb, ngramAgrees) = View(ngramLogits, top, temperature);
            features[9] = ngramProb;
            features[10] = ngramAgrees ? 1 : 0;
            var (embeddingProb, embeddingAgrees) = View(embeddingLogits, top, temperature);
            features[11] = embeddingProb;
            features[12] = embeddingAgrees ? 1 : 0;
            features[13] = novelty;
            features[14] = RunnerUp(ngramLogits) == RunnerUp(embeddingLogits) ? 1 : 0;
        }

        if (!nearestPerClass.IsEmpty)
        {
            features[15] = neighbourDistance;
            features[16] = nearestPerClass[top];
            features[17] = nearestPerClass[top] - nearestPerClass[second];
        }

        return top;
    }

    private static int RunnerUp(ReadOnlySpan<float> scores)
    {
        var top = ArgMax(scores);
        var second = top == 0 ? 1 : 0;
        for (var c = 0; c < scores.Length; c++)
        {
            second = c != top && scores[c] > scores[second] ? c : second;
        }

        return second;
    }

    private static (double Probability, bool Agrees) View(ReadOnlySpan<float> scores, int label, double temperature)
    {
        var best = 0;
        for (var c = 1; c < scores.Length; c++)
        {
            best = scores[c] > scores[best] ? c : best;
        }

        double sum = 0;
        for (var c = 0; c < scores.Length; c++)
        {
            sum += Math.Exp((scores[c] - scores[best]) / temperature);
        }

        return (Math.Exp((scores[label] - scores[best]) / temperature) / sum, best == label);
    }
}
