using AutomationFleet.Matching.Normalisation;

namespace AutomationFleet.Matching.Scoring;

/// <summary>Scores pairs with a fitted <see cref="MatchModel"/>; <see cref="Score"/> allocates nothing.</summary>
public sealed class MatchScorer
{
    private readonly ComparisonSet _comparisons;
    private readonly double[][] _bits;
    private readonly double[] _exactU;
    private readonly double[] _matchedShare;
    private readonly double _smallestShare;

    /// <summary>Precomputes log2(m/u) for every level, none below the last level's ("different").</summary>
    public MatchScorer(MatchModel model, ComparisonSet comparisons)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(comparisons);
        _comparisons = comparisons;
        // A near agreement is never taken as more evidence against than outright disagreement (the last level): a level
        // EM saw no matches at (FEBRL3 has no day-and-month swaps) has m at the smoothing floor, and its weight would
        // otherwise fall below "different" (−6.3 bits for a swap against −3.9 for another date).
        _bits = model.M.Select((levels, k) =>
        {
            var bits = levels.Select((m, l) => Math.Log2(m / model.U[k][l])).ToArray();
            for (var l = 0; l < bits.Length - 1; l++)
            {
                bits[l] = Math.Max(bits[l], bits[^1]);
            }

            return bits;
        }).ToArray();
        _exactU = model.U.Select(levels => levels[0]).ToArray();
        _matchedShare = model.M.Select(levels => model.MatchShareOfPairs * levels[0]).ToArray();
        _smallestShare = model.SmallestShare;
        PriorBits = Math.Log2(model.Lambda / (1 - model.Lambda));
    }

    /// <summary>log2 of the prior odds of a match.</summary>
    public double PriorBits { get; }

    /// <summary>The total match weight in bits.</summary>
    public double Score(NormalisedPerson a, NormalisedPerson b)
    {
        var total = PriorBits;
        var comparisons = _comparisons.Comparisons;
        for (var k = 0; k < comparisons.Length; k++)
        {
            var level = comparisons[k].Compare(a, b);
            if (level >= 0)
            {
                total += _bits[k][level] + TermFrequencyBits(k, level, a, b);
            }
        }

        return total;
    }

    /// <summary>The weight as a probability.</summary>
    public static double Probability(double bits) => 1 / (1 + Math.Pow(2, -bits));

    /// <summary>The same score, field by field.</summary>
    public MatchExplanation Explain(NormalisedPerson a, NormalisedPerson b)
    {
        var fields = new List<FieldContribution>();
        var total = PriorBits;
        var comparisons = _comparisons.Comparisons;
        for (var k = 0; k < comparisons.Length; k++)
        {
            var level = comparisons[k].Compare(a, b);
            if (level < 0)
            {
                fields.Add(new FieldContribution(comparisons[k].Name, "missing", 0, 0));
                continue;
            }

            var tf = TermFrequencyBits(k, level, a, b);
            fields.Add(new FieldContribution(comparisons[k].Name, comparisons[k].Levels[level], _bits[k][level] + tf, tf));
            total += _bits[k][level] + tf;
        }

        return new MatchExplanation(PriorBits, fields, total, Probability(total));
    }

    // Exact agreement on a value held by a share f of records is as likely by chance as f, not the average u. Of the
    // records holding it, a share λ·m (λ the match share of pairs, m of exact agreement) are the same person, as with
    // u (see ModelTrainer): they are taken out, down to the share of a value held by one record.
    private double TermFrequencyBits(int k, int level, NormalisedPerson a, NormalisedPerson b)
    {
        if (level != 0)
        {
            return 0;
        }

        var share = _comparisons.Comparisons[k].ExactValueShare(a, b);
        if (share <= 0)
        {
            return 0;
        }

        var nonMatch = Math.Max(Math.Min(share, _smallestShare), share - _matchedShare[k]);
        return Math.Log2(_exactU[k] / nonMatch);
    }
}
