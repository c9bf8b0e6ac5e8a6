namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>A model's score on a held-out set: precision of its automatic predictions and the share it automates.</summary>
public sealed record HeldOutScore(double Precision, double Coverage);

/// <summary>Whether a candidate model replaces the current one, and why.</summary>
public sealed record PromotionDecision(bool Promote, string Reason, HeldOutScore? Current, HeldOutScore Candidate);

/// <summary>
/// The promotion rule for retrained models: a candidate replaces the current model only if, on the same held-out
/// examples, neither the precision of its automatic predictions nor its coverage is worse.
/// </summary>
public static class ModelPromotion
{
    public static PromotionDecision Decide(HeldOutScore? current, HeldOutScore candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (current is null)
        {
            return new PromotionDecision(true, "There is no current model.", null, candidate);
        }

        var reasons = new List<string>();
        if (candidate.Precision < current.Precision)
        {
            reasons.Add($"precision {candidate.Precision:0.0000} is below the current {current.Precision:0.0000}");
        }

        if (candidate.Coverage < current.Coverage)
        {
            reasons.Add($"coverage {candidate.Coverage:0.0000} is below the current {current.Coverage:0.0000}");
        }

        return reasons.Count == 0
            ? new PromotionDecision(true, "Neither precision nor coverage is worse.", current, candidate)
            : new PromotionDecision(false, "Not promoted: " + string.Join("; ", reasons) + ".", current, candidate);
    }

    /// <summary>Scores both models on the same <paramref name="heldOut"/> examples and applies <see cref="Decide"/>.</summary>
    public static PromotionDecision Compare(TextClassifier? current, TextClassifier candidate, IReadOnlyList<LabelledText> heldOut)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return Decide(current is null ? null : ScoreOf(current, heldOut), ScoreOf(candidate, heldOut));
    }

    /// <summary>Precision of the automatic predictions and coverage of the in-scope examples of <paramref name="heldOut"/>.</summary>
    public static HeldOutScore ScoreOf(TextClassifier classifier, IReadOnlyList<LabelledText> heldOut)
    {
        var report = ClassifierEvaluation.Evaluate(classifier, heldOut);
        return new HeldOutScore(report.AutomaticPrecision, report.Coverage);
    }
}
