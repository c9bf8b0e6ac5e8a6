namespace AutomationFleet.Core.Metrics;

/// <summary>What one candidate threshold would have done on the reviewed samples.</summary>
/// <param name="Threshold">The candidate threshold: a proposal at or above it would have been automatic.</param>
/// <param name="Samples">All samples the point is computed over.</param>
/// <param name="Automatic">Samples at or above the threshold.</param>
/// <param name="AutomaticAgreed">Of those, samples the reviewer agreed with.</param>
public sealed record ThresholdPoint(double Threshold, int Samples, int Automatic, int AutomaticAgreed)
{
    /// <summary>The share that would have been automatic, 0..1; null without samples.</summary>
    public double? Coverage => Samples == 0 ? null : (double)Automatic / Samples;

    /// <summary>The share of the automatic ones a reviewer agreed with, 0..1; null when none would have been automatic.</summary>
    public double? Precision => Automatic == 0 ? null : (double)AutomaticAgreed / Automatic;

    /// <summary>Automatic proposals a reviewer would have corrected: the errors this threshold lets through.</summary>
    public int AutomaticWrong => Automatic - AutomaticAgreed;
}
