using AutomationFleet.Matching.Normalisation;

namespace AutomationFleet.Matching.Scoring;

/// <summary>u probabilities from random pairs: almost every random pair is a non-match, so their level shares estimate u.</summary>
public static class RandomPairEstimate
{
    /// <summary>Random pairs drawn by default: the fewest <see cref="SamplesFor"/> gives.</summary>
    public const int DefaultSamples = 250_000;

    private const int MostSamples = 1_000_000;
    private const int SamplesPerRecord = 50;

    // Smoothing adds one pair per this many drawn, so a level never seen gets about one in a million pairs whatever the
    // sample count (add-one on a million pairs gave the same): the floor says "rarer than we can see", and must not
    // make a level's evidence depend on how many pairs were drawn.
    private const int SmoothingPairs = 1_000_000;

    // Pairs are drawn in chunks of this many, each chunk with its own seed: the estimate is the same on any number of
    // cores, and on a shared machine a core that is held up does not hold the others back (a free one takes the next
    // chunk; with one fixed share per core the fit waited for the slowest).
    private const int ChunkPairs = 10_000;

    /// <summary>
    /// How many random pairs to draw for sets of these sizes: 50 per record of the larger, between a quarter of a
    /// million and a million. Drawing a million took most of a 5k × 5k link's time, but is a few per cent of a
    /// million-record index build, where the lower noise keeps the ranking of close candidates steady (top-1 on the
    /// benchmark's forms fell from 1.000 to 0.998 with a quarter of a million).
    /// </summary>
    public static int SamplesFor(int left, int right) => (int)Math.Clamp(SamplesPerRecord * (long)Math.Max(left, right), DefaultSamples, MostSamples);

    /// <summary>u per comparison and level from random pairs within <paramref name="people"/>.</summary>
    public static double[][] U(IReadOnlyList<NormalisedPerson> people, ComparisonSet comparisons, int samples = DefaultSamples, int seed = 1) =>
        U(people, people, comparisons, samples, seed);

    /// <summary>
    /// u per comparison and level from <paramref name="samples"/> random pairs of <paramref name="left"/> ×
    /// <paramref name="right"/> (fixed seed), smoothed by one pair per million drawn (see <see cref="SamplesFor"/> for
    /// how many; with a quarter of a million an exact date of birth, about 1 in 20,000, still gets a dozen counts).
    /// </summary>
    public static double[][] U(IReadOnlyList<NormalisedPerson> left, IReadOnlyList<NormalisedPerson> right, ComparisonSet comparisons, int samples = DefaultSamples, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        ArgumentNullException.ThrowIfNull(comparisons);
        var k = comparisons.Comparisons.Length;
        var chunks = (samples + ChunkPairs - 1) / ChunkPairs;
        var partial = new long[chunks][][];
        if (left.Count > 0 && right.Count > 0 && (left.Count > 1 || !ReferenceEquals(left, right)))
        {
            Parallel.For(0, chunks, chunk =>
            {
                var counts = comparisons.Comparisons.Select(c => new long[c.Levels.Count]).ToArray();
                var random = new Random(seed + chunk);
                var end = Math.Min(samples, (chunk + 1) * ChunkPairs);
                for (var s = chunk * ChunkPairs; s < end; s++)
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

                partial[chunk] = counts;
            });
        }

        var pseudoCount = samples / (double)SmoothingPairs;
        return comparisons.Comparisons.Select((c, ci) =>
        {
            var levels = Enumerable.Range(0, c.Levels.Count).Select(l => (double)partial.Sum(p => p is null ? 0 : p[ci][l])).ToArray();
            return levels.Select(n => (n + pseudoCount) / (levels.Sum() + (pseudoCount * levels.Length))).ToArray();
        }).ToArray();
    }
}
