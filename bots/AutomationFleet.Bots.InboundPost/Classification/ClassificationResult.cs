namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>A label with its calibrated probability.</summary>
public sealed record LabelProbability(string Label, double Probability);

/// <summary>How far a text's embedding is from the training data (Mahalanobis distance to the nearest class mean).</summary>
/// <param name="Distance">This text's distance.</param>
/// <param name="Threshold">Distances above this are novel (the fitted quantile of held-out in-scope distances).</param>
public sealed record NoveltyScore(double Distance, double Threshold)
{
    /// <summary>True when the text is unlike anything the model was trained on: it is never automatic.</summary>
    public bool IsNovel => Distance > Threshold;
}

/// <summary>The classifier's answer for one text.</summary>
/// <param name="Label">The most probable category.</param>
/// <param name="Probability">
/// The estimated probability that <paramref name="Label"/> is right: the <see cref="CorrectnessModel"/>'s estimate when
/// the model has one, otherwise the calibrated class probability. Thresholds apply to this value.
/// </param>
/// <param name="Threshold">The fitted threshold for that category.</param>
/// <param name="Automatic">True when <paramref name="Probability"/> ≥ <paramref name="Threshold"/> and the text is not novel.</param>
/// <param name="Alternatives">The most probable categories with their calibrated class probabilities, best first (the predicted one included).</param>
/// <param name="Novelty">The novelty distance, with an embedding view; null for an n-gram-only model.</param>
public sealed record ClassificationResult(string Label, double Probability, double Threshold, bool Automatic, IReadOnlyList<LabelProbability> Alternatives, NoveltyScore? Novelty = null);
