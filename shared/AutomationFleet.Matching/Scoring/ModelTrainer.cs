using AutomationFleet.Matching.Blocking;
using AutomationFleet.Matching.Normalisation;

namespace AutomationFleet.Matching.Scoring;

/// <summary>
/// Fits a <see cref="MatchModel"/> without labels, the way Splink does: u from random pairs; m by EM in one session per
/// blocking rule, each leaving out the comparisons its rule fixes, averaged over the sessions that estimated it (weighted
/// by their expected matches); the prior last, over every blocked pair. A comparison no session could estimate (too few
/// expected matches) keeps <see cref="DefaultMatchProbabilities"/>. One way to fit, shared by the person index and the linker.
/// </summary>
public static class ModelTrainer
{
    /// <summary>Fewer expected matching pairs than this in a session and its m values are noise.</summary>
    public const int MinimumFittedMatches = 30;

    // A session needs no more pairs than this to estimate m; bigger ones are thinned evenly (deterministic).
    private const int MaxSessionPairs = 400_000;

    // Fits with u taken back to the non-matches (see Train); the second and third change λ by under 1 % on FEBRL.
    private const int UncontaminationPasses = 3;

    /// <summary>
    /// Fits for a dedupe of <paramref name="left"/> (<paramref name="right"/> null) or a link of the two.
    /// <paramref name="pairs"/> are all the blocked pairs (the union of the rules), which the prior is fitted on.
    /// </summary>
    public static TrainedModel Train(IReadOnlyList<NormalisedPerson> left, IReadOnlyList<NormalisedPerson>? right, IReadOnlyList<(int Left, int Right)> pairs, ComparisonSet comparisons, int maxBlock = 1000)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(comparisons);
        var other = right ?? left;
        var observed = RandomPairEstimate.U(left, other, comparisons, RandomPairEstimate.SamplesFor(left.Count, other.Count));
        var sessionPatterns = BlockingRules.Default
            .Select(rule => (Rule: rule, Free: comparisons.Comparisons.Select(c => !rule.Fixes.Contains(c.Name, StringComparer.Ordinal)).ToArray(),
                Patterns: Patterns(left, other, BlockingRules.EvenSampleOf(rule, left, right, maxBlock, MaxSessionPairs), comparisons)))
            .ToList();
        var totalPairs = right is null ? left.Count * (left.Count - 1.0) / 2 : (double)left.Count * right.Count;
        var blockedPatterns = pairs.Count == 0 ? null : Patterns(left, other, pairs, comparisons);

        // Random pairs are drawn from all pairs, a share λ of which match: their level shares are λ·m + (1 − λ)·u, not u.
        // In a dedupe with a few records per person λ is large enough (FEBRL3 5·10⁻⁴, fake_1000 3·10⁻³) that the matches
        // among random pairs make up most of their exact agreement on an identifier or a date of birth, and u, hence
        // the weight of agreeing, came out far too weak. So u is taken back to the non-matches, with the m and λ just
        // fitted, and the fit repeated. Without blocked pairs (the person index) λ is not fitted and u stays as drawn.
        var samples = RandomPairEstimate.SamplesFor(left.Count, other.Count);
        var u = observed;
        var fit = Fit(sessionPatterns, u, comparisons, blockedPatterns, totalPairs);
        for (var pass = 1; blockedPatterns is not null && fit.Sessions.Count > 0 && pass < UncontaminationPasses; pass++)
        {
            u = NonMatchShares(observed, fit.M, fit.Lambda, samples);
            fit = Fit(sessionPatterns, u, comparisons, blockedPatterns, totalPairs);
        }

        var corrected = blockedPatterns is not null && fit.Sessions.Count > 0;
        return new TrainedModel(
            new MatchModel(fit.M, u, fit.Lambda, fit.Sessions.Count, fit.Sessions.Count > 0, corrected ? fit.Lambda : 0, corrected ? 1.0 / (left.Count + (right?.Count ?? 0)) : 0),
            fit.Sessions.Count > 0 ? "em" : "defaults", fit.Sessions);
    }

    /// <summary>
    /// u from the level shares among random pairs (<paramref name="observed"/>), knowing that a share
    /// <paramref name="lambda"/> of them match: u = (observed − λ·m) / (1 − λ), each level kept at least one in
    /// <paramref name="samples"/> (the rarest share the draw can tell from none), then scaled to sum to one.
    /// </summary>
    public static double[][] NonMatchShares(double[][] observed, double[][] m, double lambda, int samples)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(m);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples);
        var floor = 1.0 / samples;
        return observed.Select((levels, k) =>
        {
            var u = levels.Select((p, l) => Math.Max(Math.Min(p, floor), (p - (lambda * m[k][l])) / (1 - lambda))).ToArray();
            var sum = u.Sum();
            return u.Select(x => x / sum).ToArray();
        }).ToArray();
    }

    // m by EM, one session per blocking rule, averaged; then the prior over every blocked pair.
    private static (double[][] M, double Lambda, List<string> Sessions) Fit(
        List<(BlockingRule Rule, bool[] Free, Dictionary<ulong, long> Patterns)> sessionPatterns, double[][] u, ComparisonSet comparisons,
        Dictionary<ulong, long>? blockedPatterns, double totalPairs)
    {
        var weighted = comparisons.Comparisons.Select(c => new double[c.Levels.Count]).ToArray();
        var weights = new double[comparisons.Comparisons.Length];
        var sessions = new List<string>();
        foreach (var (rule, free, patterns) in sessionPatterns)
        {
            var session = ExpectationMaximisation.FitSession(patterns, u, free);
            if (!session.Converged || session.ExpectedMatches < MinimumFittedMatches)
            {
                continue;
            }

            sessions.Add(rule.Name);
            for (var k = 0; k < free.Length; k++)
            {
                if (free[k])
                {
                    weights[k] += session.ExpectedMatches;
                    for (var l = 0; l < weighted[k].Length; l++)
                    {
                        weighted[k][l] += session.ExpectedMatches * session.M[k][l];
                    }
                }
            }
        }

        var defaults = DefaultMatchProbabilities(comparisons);
        var m = weighted.Select((levels, k) => weights[k] > 0 ? levels.Select(x => x / weights[k]).ToArray() : defaults[k]).ToArray();
        var prior = blockedPatterns is null ? 1 / Math.Max(2, totalPairs) : ExpectationMaximisation.FitPrior(blockedPatterns, m, u, Math.Max(1, totalPairs));
        return (m, prior, sessions);
    }

    private static Dictionary<ulong, long> Patterns(IReadOnlyList<NormalisedPerson> left, IReadOnlyList<NormalisedPerson> right, IReadOnlyList<(int Left, int Right)> pairs, ComparisonSet comparisons)
    {
        var patterns = new Dictionary<ulong, long>();
        foreach (var (l, r) in pairs)
        {
            var pattern = comparisons.Pattern(left[l], right[r]);
            patterns[pattern] = patterns.GetValueOrDefault(pattern) + 1;
        }

        return patterns;
    }

    /// <summary>
    /// m probabilities for a comparison no session could estimate: a true match agrees exactly on a field 90 % of the
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
/// A fitted model; how its m values were found (<c>em</c>, or <c>defaults</c> when no session had enough expected
/// matches); and the blocking rules whose EM sessions were used.
/// </summary>
public sealed record TrainedModel(MatchModel Model, string FittedBy, IReadOnlyList<string> Sessions);
