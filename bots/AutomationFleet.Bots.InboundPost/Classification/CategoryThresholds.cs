namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>Fitted thresholds for automatic routing: one per category, and a global one for categories with too few examples.</summary>
/// <param name="TargetPrecision">The precision they were fitted to meet.</param>
/// <param name="Global">Threshold for categories without one of their own.</param>
/// <param name="PerCategory">Thresholds by category.</param>
public sealed record CategoryThresholds(double TargetPrecision, double Global, IReadOnlyDictionary<string, double> PerCategory)
{
    /// <summary>A threshold above any probability: nothing is automatic.</summary>
    public const double Unreachable = 2.0;

    /// <summary>The threshold that applies to a prediction of <paramref name="label"/>.</summary>
    public double For(string label) => PerCategory.TryGetValue(label, out var t) ? t : Global;
}
