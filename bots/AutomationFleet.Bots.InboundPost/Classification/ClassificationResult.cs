namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>A label with its calibrated probability.</summary>
public sealed record LabelProbability(string Label, double Probability);

/// <summary>The classifier's answer for one text.</summary>
/// <param name="Label">The most probable category.</param>
/// <param name="Probability">
/// The estimated probability that <paramref name="Label"/> is right: the <see cref="CorrectnessModel"/>'s estimate when
/// the model has one, otherwise the calibrated class probability. Thresholds apply to this value.
/// </param>
/// <param name="Threshold">The fitted threshold for that category.</param>
/// <param name="Automatic">True when <paramref name="Probability"/> ≥ <paramref name="Threshold"/>.</param>
/// <param name="Alternatives">The most probable categories with their calibrated class probabilities, best first (the predicted one included).</param>
public sealed record ClassificationResult(string Label, double Probability, double Threshold, bool Automatic, IReadOnlyList<LabelProbability> Alternatives);
