namespace AutomationFleet.Matching.Scoring;

/// <summary>
/// Fits m, u and λ by EM on unlabelled blocked pairs (counts of level patterns). u starts from random pairs, which are
/// almost all non-matches, so the classes start the right way round; it is then re-estimated because blocked non-matches
/// agree on blocking fields far more often than random pairs do (holding u fixed let the match class absorb them).
/// </summary>
public static class ExpectationMaximisation
{
    /// <summary>Fits the model. <paramref name="u"/> is per comparison and level; missing levels add no evidence.</summary>
    public static MatchModel Fit(IReadOnlyDictionary<ulong, long> patterns, double[][] u, int maxIterations = 100, double tolerance = 1e-6)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        ArgumentNullException.ThrowIfNull(u);
        u = u.Select(levels => levels.ToArray()).ToArray();
        var m = u.Select(levels => levels.Select((_, l) => l == 0 ? 0.8 : 0.2 / Math.Max(1, levels.Length - 1)).ToArray()).ToArray();
        var lambda = 0.1;
        var keys = patterns.Keys.ToArray();
        var counts = keys.Select(k => (double)patterns[k]).ToArray();
        var total = counts.Sum();
        for (var iteration = 1; iteration <= maxIterations; iteration++)
        {
            var sums = m.Select(levels => new double[levels.Length]).ToArray();
            var nonSums = m.Select(levels => new double[levels.Length]).ToArray();
            var matchTotal = 0.0;
            for (var p = 0; p < keys.Length; p++)
            {
                double pm = lambda, pu = 1 - lambda;
                for (var k = 0; k < m.Length; k++)
                {
                    var level = ComparisonSet.LevelOf(keys[p], k);
                    if (level >= 0)
                    {
                        pm *= m[k][level];
                        pu *= u[k][level];
                    }
                }

                var weight = counts[p] * pm / (pm + pu);
                var nonWeight = counts[p] - weight;
                matchTotal += weight;
                for (var k = 0; k < m.Length; k++)
                {
                    var level = ComparisonSet.LevelOf(keys[p], k);
                    if (level >= 0)
                    {
                        sums[k][level] += weight;
                        nonSums[k][level] += nonWeight;
                    }
                }
            }

            var change = Math.Abs((matchTotal / total) - lambda);
            lambda = Math.Clamp(matchTotal / total, 1e-9, 1 - 1e-9);
            for (var k = 0; k < m.Length; k++)
            {
                var known = sums[k].Sum();
                for (var l = 0; l < m[k].Length; l++)
                {
                    // A small floor keeps an unseen level from having m = 0 (infinite negative weight).
                    var updated = (sums[k][l] + 1e-3) / (known + (1e-3 * m[k].Length));
                    change = Math.Max(change, Math.Abs(updated - m[k][l]));
                    m[k][l] = updated;
                    u[k][l] = (nonSums[k][l] + 1e-3) / (nonSums[k].Sum() + (1e-3 * m[k].Length));
                }
            }

            if (change < tolerance)
            {
                return new MatchModel(m, u, lambda, iteration, true);
            }
        }

        return new MatchModel(m, u, lambda, maxIterations, false);
    }
}
