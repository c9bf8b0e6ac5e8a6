using AutomationFleet.Matching.Normalisation;

namespace AutomationFleet.Matching.Scoring;

/// <summary>u probabilities from random pairs: almost every random pair is a non-match, so their level shares estimate u.</summary>
public static class RandomPairEstimate
{
    /// <summary>Random pairs drawn by default.</summary>
    public const int DefaultSamples = 250_000;

    // Smoothing adds one pair per this many drawn, so a level never seen gets about one in a million pairs whatever the
    // sample count (add-one on a million pairs gave the same): the floor says "rarer than we can see", and must not
    // make a level's evidence depend on how many pairs were drawn.
    private const int SmoothingPairs = 1_000_000;

    /// <summary>u per comparison and level from random pairs within <paramref name="people"/>.</summary>
    public static double[][] U(IReadOnlyList<NormalisedPerson> people, ComparisonSet comparisons, int samples = DefaultSamples, int seed = 1) =>
        U(people, people, comparisons, samples, seed);

    /// <summary>
    /// u per comparison and level from <paramref name="samples"/> random pairs of <paramref name="left"/> ×
    /// <paramref name="right"/> (fixed seed), with add-one smoothing. A million pairs, because the rare levels (an exact
    /// date of birth: about 1 in 20,000) need some counts to be estimated at all.
    /// </summary>
    public static double[][] U(IReadOnlyList<NormalisedPerson> left, IReadOnlyList<NormalisedPerson> right, ComparisonSet comparisons, int samples = DefaultSamples, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        ArgumentNullException.ThrowIfNull(comparisons);
        var k = comparisons.Comparisons.Length;
        var workers = Math.Max(1, Environment.ProcessorCount);
        var partial = new double[workers][][];
        if (left.Count > 0 && right.Count > 0 && (left.Count > 1 || !ReferenceEquals(left, right)))
        {
            Parallel.For(0, workers, w =>
            {
                var counts = comparisons.Comparisons.Select(c => new double[c.Levels.Count]).ToArray();
                var random = new Random(seed + w);
                for (var s = w; s < samples; s += workers)
                {
                    var i = random.Next(left.Count);
                    var j = random.Next(right.Count);
                    if (ReferenceEquals(left, right) && i == j)
                    {
                        continue;
                    }

                    for (var c = 0; c < k; c++)
                    {
                        var level = comparisons.Comparisons[c].Compare(left[i], right[j]);
                        if (level >= 0)
                        {
                            counts[c][level]++;
                        }
                    }
                }

                partial[w] = counts;
            });
        }

        var pseudoCount = samples / (double)SmoothingPairs;
        return comparisons.Comparisons.Select((c, ci) =>
        {
            var levels = Enumerable.Range(0, c.Levels.Count).Select(l => partial.Sum(p => p is null ? 0 : p[ci][l])).ToArray();
            return levels.Select(n => (n + pseudoCount) / (levels.Sum() + (pseudoCount * levels.Length))).ToArray();
        }).ToArray();
    }
}
