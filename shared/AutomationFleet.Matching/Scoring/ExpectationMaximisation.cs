namespace AutomationFleet.Matching.Scoring;

/// <summary>
/// Fellegi–Sunter EM on unlabelled pairs, as counts of level patterns. u is never re-estimated here: it comes from random
/// pairs (<see cref="RandomPairEstimate"/>). Re-estimating u on blocked pairs flips the classes, because blocked
/// non-matches agree on the blocking fields far more than random pairs do (on the ONS census, "same postcode" became the
/// mark of a non-match). Instead m is estimated in sessions, one per blocking rule, each leaving out the comparisons its
/// rule fixes (<see cref="FitSession"/>); the prior is fitted last, on every blocked pair, with m and u held
/// (<see cref="FitPrior"/>).
/// </summary>
public static class ExpectationMaximisation
{
    /// <summary>
    /// Estimates m for the comparisons marked in <paramref name="free"/>, and λ among these pairs, with u held. The others
    /// do not enter the likelihood (every pair of the session agrees on them by construction).
    /// </summary>
    public static EmSession FitSession(IReadOnlyDictionary<ulong, long> patterns, double[][] u, bool[] free, int maxIterations = 200, double tolerance = 1e-6)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        ArgumentNullException.ThrowIfNull(u);
        ArgumentNullException.ThrowIfNull(free);
        var m = u.Select(levels => levels.Select((_, l) => l == 0 ? 0.8 : 0.2 / Math.Max(1, levels.Length - 1)).ToArray()).ToArray();
        var lambda = 0.1;
        var keys = patterns.Keys.ToArray();
        var counts = keys.Select(k => (double)patterns[k]).ToArray();
        var total = counts.Sum();
        if (total == 0)
        {
            return new EmSession(m, 0, 0, false, 0);
        }

        for (var iteration = 1; iteration <= maxIterations; iteration++)
        {
            var sums = m.Select(levels => new double[levels.Length]).ToArray();
            var matchTotal = 0.0;
            var weights = LogRatios(m, u);
            for (var p = 0; p < keys.Length; p++)
            {
                var weight = counts[p] * Posterior(keys[p], weights, free, lambda);
                matchTotal += weight;
                for (var k = 0; k < m.Length; k++)
                {
                    var level = ComparisonSet.LevelOf(keys[p], k);
                    if (free[k] && level >= 0)
                    {
                        sums[k][level] += weight;
                    }
                }
            }

            var updatedLambda = Math.Clamp(matchTotal / total, 1e-9, 1 - 1e-9);
            var change = Math.Abs(updatedLambda - lambda);
            lambda = updatedLambda;
            for (var k = 0; k < m.Length; k++)
            {
                if (!free[k])
                {
                    continue;
                }

                var known = sums[k].Sum();
                for (var l = 0; l < m[k].Length; l++)
                {
                    // A small floor keeps an unseen level from having m = 0 (infinite negative weight).
                    var updated = (sums[k][l] + 1e-3) / (known + (1e-3 * m[k].Length));
                    change = Math.Max(change, Math.Abs(updated - m[k][l]));
                    m[k][l] = updated;
                }
            }

            if (change < tolerance)
            {
                return new EmSession(m, lambda, iteration, true, lambda * total);
            }
        }

        return new EmSession(m, lambda, maxIterations, false, lambda * total);
    }

    /// <summary>
    /// The prior: the share of all <paramref name="totalPairs"/> pairs that match, found as the fixed point of "expected
    /// matches among the blocked pairs / all pairs". Pairs that no rule blocked are taken as non-matches.
    /// </summary>
    public static double FitPrior(IReadOnlyDictionary<ulong, long> patterns, double[][] m, double[][] u, double totalPairs, int maxIterations = 200)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(u);
        var all = Enumerable.Repeat(true, m.Length).ToArray();
        var blocked = patterns.Values.Sum();
        var lambda = Math.Clamp(blocked / totalPairs / 10, 1e-12, 0.5);
        var weights = LogRatios(m, u);
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var expected = patterns.Sum(p => p.Value * Posterior(p.Key, weights, all, lambda));
            var updated = Math.Clamp(expected / totalPairs, 1e-12, 1 - 1e-9);
            if (Math.Abs(Math.Log(updated / lambda)) < 1e-6)
            {
                return updated;
            }

            lambda = updated;
        }

        return lambda;
    }

    // log(m/u) per comparison and level, once per iteration rather than once per pattern and comparison.
    private static double[][] LogRatios(double[][] m, double[][] u) =>
        m.Select((levels, k) => levels.Select((x, l) => Math.Log(x / u[k][l])).ToArray()).ToArray();

    // P(match | pattern), in log space so that many agreeing fields do not overflow.
    private static double Posterior(ulong pattern, double[][] logRatios, bool[] free, double lambda)
    {
        var bits = Math.Log(lambda / (1 - lambda));
        for (var k = 0; k < logRatios.Length; k++)
        {
            var level = ComparisonSet.LevelOf(pattern, k);
            if (free[k] && level >= 0)
            {
                bits += logRatios[k][level];
            }
        }

        return 1 / (1 + Math.Exp(-bits));
    }
}

/// <summary>One EM session: m for its free comparisons, λ among its pairs, and how many of them are expected to match.</summary>
public sealed record EmSession(double[][] M, double Lambda, int Iterations, bool Converged, double ExpectedMatches);
