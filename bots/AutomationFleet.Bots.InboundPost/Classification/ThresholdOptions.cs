namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>How automatic-routing thresholds are fitted on held-out predictions.</summary>
public sealed record ThresholdOptions
{
    /// <summary>Precision the automatic predictions must reach. Default 0.99.</summary>
    public double TargetPrecision { get; init; } = 0.99;

    /// <summary>
    /// A category needs at least this many held-out predictions to get a threshold of its own; otherwise it uses
    /// the global threshold. Default 20.
    /// </summary>
    public int MinSupport { get; init; } = 20;

    /// <summary>
    /// z of the Wilson lower bound of precision that the global threshold, and a category going <em>below</em> it, must
    /// clear. Default 1.645 (one-sided 95%): with few examples a category can only be stricter than the global
    /// threshold, never laxer. 0 uses the point estimate.
    /// </summary>
    public double WilsonZ { get; init; } = 1.645;
}
