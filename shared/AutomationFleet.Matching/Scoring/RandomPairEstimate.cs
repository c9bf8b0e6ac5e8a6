using AutomationFleet.Matching.Normalisation;

namespace AutomationFleet.Matching.Scoring;

/// <summary>u probabilities from random pairs: almost every random pair is a non-match, so their level shares estimate u.</summary>
public static class RandomPairEstimate
{
    /// <summary>u per comparison and level from <paramref name="samples"/> random pairs (fixed seed), with add-one smoothing.</summary>
    public static double[][] U(IReadOnlyList<NormalisedPerson> people, ComparisonSet comparisons, int samples = 200_000, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(comparisons);
        var counts = comparisons.Comparisons.Select(c => new double[c.Levels.Count]).ToArray();
        var random = new Random(seed);
        for (var s = 0; s < samples && people.Count > 1; s++)
        {
            var i = random.Next(people.Count);
            var j = random.Next(people.Count);
            if (i == j)
            {
                continue;
            }

            for (var k = 0; k < counts.Length; k++)
            {
                var level = comparisons.Comparisons[k].Compare(people[i], people[j]);
                if (level >= 0)
                {
                    counts[k][level]++;
                }
            }
        }

        return counts.Select(levels => levels.Select(c => (c + 1) / (levels.Sum() + levels.Length)).ToArray()).ToArray();
    }
}
