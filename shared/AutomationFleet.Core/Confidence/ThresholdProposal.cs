using AutomationFleet.Core.Metrics;

namespace AutomationFleet.Core.Confidence;

/// <summary>
/// What a proposed threshold would have done on the reviewed proposals of one bot and category (approved = agreed,
/// corrected = not), shown before an administrator applies it.
/// </summary>
/// <param name="Point">Coverage and precision at the proposed threshold.</param>
/// <param name="Corrections">Reviewed proposals a reviewer corrected (the labelled corrections).</param>
/// <param name="PrecisionLowerBound">95 % Wilson lower bound of the precision; null when none would have been automatic.</param>
/// <param name="TooFewToTrust">True when the sample cannot support a precision figure (see <see cref="MinimumAutomatic"/>, <see cref="MinimumSamples"/>).</param>
public sealed record ThresholdProposal(ThresholdPoint Point, int Corrections, double? PrecisionLowerBound, bool TooFewToTrust)
{
    /// <summary>Fewer reviewed proposals than this in all: too few to trust.</summary>
    public const int MinimumSamples = 50;

    /// <summary>Fewer proposals that would have been automatic than this: too few to trust the precision.</summary>
    public const int MinimumAutomatic = 30;

    /// <summary>Corrections this threshold would have let through unreviewed.</summary>
    public int CorrectionsLetThrough => Point.AutomaticWrong;

    /// <summary>Evaluates <paramref name="threshold"/> over <paramref name="samples"/>.</summary>
    public static ThresholdProposal Evaluate(IReadOnlyCollection<ConfidenceSample> samples, double threshold)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var point = ThresholdCurve.Compute(samples, [threshold])[0];
        var corrections = samples.Count(s => !s.Agreed);
        var bound = point.Automatic == 0 ? (double?)null : WilsonLowerBound(point.AutomaticAgreed, point.Automatic);
        return new ThresholdProposal(point, corrections, bound, point.Samples < MinimumSamples || point.Automatic < MinimumAutomatic);
    }

    // The 95 % Wilson score interval's lower end: honest for small counts and for precisions near 1, unlike p ± 2σ.
    private static double WilsonLowerBound(int successes, int trials)
    {
        const double z = 1.959964;
        var p = (double)successes / trials;
        var z2 = z * z;
        var centre = p + (z2 / (2 * trials));
        var margin = z * Math.Sqrt((p * (1 - p) / trials) + (z2 / (4.0 * trials * trials)));
        return Math.Max(0, (centre - margin) / (1 + (z2 / trials)));
    }
}
