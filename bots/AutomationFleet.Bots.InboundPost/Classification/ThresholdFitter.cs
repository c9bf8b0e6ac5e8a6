namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>
/// Fits the lowest probability thresholds whose held-out precision meets the target. Rules:
/// <list type="number">
/// <item>Global: over all held-out predictions, the lowest threshold t such that the Wilson lower bound of the precision
/// of the predictions with probability ≥ t is ≥ target.</item>
/// <item>A category with fewer than <see cref="ThresholdOptions.MinSupport"/> held-out predictions uses the global
/// threshold.</item>
/// <item>Otherwise, if even the Wilson upper bound of the category's precision at the global threshold is below the target
/// (evidence that it is confused more than the rest), the category is raised to the lowest threshold at which that
/// upper bound meets the target. With z = 0 that is its own point-estimate threshold. It may go below the global
/// threshold only as far as the Wilson lower bound of its precision still meets the target.</item>
/// </list>
/// Held-out items outside the label set (out-of-scope queries) count as errors for whatever category they were given.
/// </summary>
public static class ThresholdFitter
{
    public static CategoryThresholds Fit(IReadOnlyList<HeldOutPrediction> predictions, ThresholdOptions options)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(options);
        var global = LowestThreshold(predictions, (correct, total) => WilsonLowerBound(correct, total, options.WilsonZ) >= options.TargetPrecision);
        var perCategory = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var group in predictions.GroupBy(p => p.PredictedLabel, StringComparer.Ordinal))
        {
            var items = group.ToList();
            if (items.Count < options.MinSupport)
            {
                continue;
            }

            // Raised only on evidence: the category's precision at the global threshold is below the target even
            // at the upper end of its Wilson interval. Then it gets the lowest threshold above the global one at which
            // that evidence is gone. A single unlucky error among a few dozen predictions does not raise it.
            var (correctAtGlobal, totalAtGlobal) = CountAtOrAbove(items, global);
            if (totalAtGlobal > 0 && WilsonUpperBound(correctAtGlobal, totalAtGlobal, options.WilsonZ) < options.TargetPrecision)
            {
                var above = items.Where(p => p.Probability >= global).ToList();
                perCategory[group.Key] = LowestThreshold(above, (correct, total) => WilsonUpperBound(correct, total, options.WilsonZ) >= options.TargetPrecision);
                continue;
            }

            var bounded = LowestThreshold(items, (correct, total) => WilsonLowerBound(correct, total, options.WilsonZ) >= options.TargetPrecision);
            perCategory[group.Key] = Math.Min(global, bounded);
        }

        return new CategoryThresholds(options.TargetPrecision, global, perCategory);
    }

    /// <summary>Wilson score lower bound of a binomial proportion.</summary>
    public static double WilsonLowerBound(int successes, int trials, double z)
    {
        if (trials == 0)
        {
            return 0;
        }

        var p = (double)successes / trials;
        var z2 = z * z;
        var centre = p + (z2 / (2 * trials));
        var margin = z * Math.Sqrt((p * (1 - p) / trials) + (z2 / (4.0 * trials * trials)));
        return (centre - margin) / (1 + (z2 / trials));
    }

    /// <summary>Wilson score upper bound of a binomial proportion.</summary>
    public static double WilsonUpperBound(int successes, int trials, double z)
    {
        if (trials == 0)
        {
            return 1;
        }

        var p = (double)successes / trials;
        var z2 = z * z;
        var centre = p + (z2 / (2 * trials));
        var margin = z * Math.Sqrt((p * (1 - p) / trials) + (z2 / (4.0 * trials * trials)));
        return (centre + margin) / (1 + (z2 / trials));
    }

    private static (int Correct, int Total) CountAtOrAbove(IReadOnlyList<HeldOutPrediction> items, double threshold)
    {
        int correct = 0, total = 0;
        foreach (var p in items)
        {
            if (p.Probability >= threshold)
            {
                total++;
                correct += p.Correct ? 1 : 0;
            }
        }

        return (correct, total);
    }

    /// <summary>
    /// The lowest distinct probability t for which <paramref name="accept"/>(correct, total) holds over the items with
    /// probability ≥ t; <see cref="CategoryThresholds.Unreachable"/> when no t qualifies.
    /// </summary>
    private static double LowestThreshold(IReadOnlyList<HeldOutPrediction> items, Func<int, int, bool> accept)
    {
        var sorted = items.OrderByDescending(p => p.Probability).ToList();
        var best = CategoryThresholds.Unreachable;
        var correct = 0;
        var i = 0;
        while (i < sorted.Count)
        {
            var probability = sorted[i].Probability;
            while (i < sorted.Count && sorted[i].Probability == probability)
            {
                correct += sorted[i].Correct ? 1 : 0;
                i++;
            }

            if (accept(correct, i))
            {
                best = probability;
            }
        }

        return best;
    }
}
