using AutomationFleet.Matching.Normalisation;

namespace AutomationFleet.Matching.Scoring;

/// <summary>
/// Fits a <see cref="MatchModel"/> without labels: u from random pairs, then m and λ by EM on the blocked pairs. When the
/// pairs hold too few expected matches for EM's m values to mean anything, m falls back to
/// <see cref="DefaultMatchProbabilities"/>. One way to fit, shared by the person index and the linker.
/// </summary>
public static class ModelTrainer
{
    /// <summary>Fewer expected matching pairs than this and EM's m values are noise.</summary>
    public const int MinimumFittedMatches = 30;

    /// <summary>
    /// Fits on <paramref name="pairs"/> of <paramref name="left"/> × <paramref name="right"/> (the same array for a dedupe).
    /// u is estimated from random pairs of <paramref name="right"/>.
    /// </summary>
    public static TrainedModel Train(IReadOnlyList<NormalisedPerson> left, IReadOnlyList<NormalisedPerson> right, IReadOnlyList<(int Left, int Right)> pairs, ComparisonSet comparisons)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(comparisons);
        var u = RandomPairEstimate.U(right, comparisons);
        var patterns = new Dictionary<ulong, long>();
        foreach (var (l, r) in pairs)
        {
            var pattern = comparisons.Pattern(left[l], right[r]);
            patterns[pattern] = patterns.GetValueOrDefault(pattern) + 1;
        }

        var fitted = pairs.Count > 0 ? ExpectationMaximisation.Fit(patterns, u) : null;
        return fitted is { Converged: true } && fitted.Lambda * pairs.Count >= MinimumFittedMatches
            ? new TrainedModel(fitted, u, "em")
            : new TrainedModel(new MatchModel(DefaultMatchProbabilities(comparisons), u, fitted?.Lambda ?? 0.01, fitted?.Iterations ?? 0, fitted?.Converged ?? false), u, "defaults");
    }

    /// <summary>
    /// m probabilities for data without duplicates to learn from: a true match agrees exactly on a field 90 % of the
    /// time, disagrees outright 2 %, and the near levels share the rest. Deliberately plain and the same for every field,
    /// so that agreement on rare values (u) does the discriminating.
    /// </summary>
    public static double[][] DefaultMatchProbabilities(ComparisonSet comparisons)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        return comparisons.Comparisons.Select(c =>
        {
            var levels = c.Levels.Count;
            var m = new double[levels];
            if (levels == 2)
            {
                m[0] = 0.95;
                m[1] = 0.05;
                return m;
            }

            m[0] = 0.90;
            m[levels - 1] = 0.02;
            for (var l = 1; l < levels - 1; l++)
            {
                m[l] = 0.08 / (levels - 2);
            }

            return m;
        }).ToArray();
    }
}

/// <summary>
/// A fitted model and how its m values were found (<c>em</c> or <c>defaults</c>). <see cref="MatchModel.U"/> and λ are
/// those of the blocked pairs, right for scoring blocked pairs; <see cref="RandomPairU"/> is u over all pairs, right for
/// scoring one query against every record with a prior of 1/N.
/// </summary>
public sealed record TrainedModel(MatchModel Model, double[][] RandomPairU, string FittedBy);
