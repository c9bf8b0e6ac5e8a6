using AutomationFleet.Matching.Blocking;
using AutomationFleet.Matching.Linking;
using AutomationFleet.Matching.Normalisation;
using AutomationFleet.Matching.Scoring;

namespace AutomationFleet.LinkageEvaluation;

/// <summary>
/// A run scored against the truth. Only pairs whose two records both have a known person count; "found" is the share of
/// true pairs proposed at all (match or review), the measure of what reaches a person rather than being lost. A reviewer
/// decides whether two clusters of automatic matches are one person, so review decisions (distinct pairs of clusters
/// among the review pairs) is the reviewer's work, review pairs the length of the list.
/// </summary>
public sealed record LinkageScore(
    string Dataset,
    int Records,
    long ComparedPairs,
    long TruePairs,
    int AutomaticMatches,
    int CorrectAutomatic,
    int Proposed,
    int TrueProposed,
    int AtHalf,
    int CorrectAtHalf,
    string FittedBy,
    MatchModel Model,
    double Seconds,
    double BlockingRecall,
    int ReviewDecisions)
{
    /// <summary>Precision of the automatic matches.</summary>
    public double Precision => AutomaticMatches == 0 ? 1 : CorrectAutomatic / (double)AutomaticMatches;

    /// <summary>Recall of the automatic matches.</summary>
    public double Recall => TruePairs == 0 ? 1 : CorrectAutomatic / (double)TruePairs;

    /// <summary>F1 at the automatic threshold.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>True pairs proposed as match or review.</summary>
    public double Found => TruePairs == 0 ? 1 : TrueProposed / (double)TruePairs;

    /// <summary>F1 of the pairs with probability ≥ 0.5 (the published FEBRL reference point).</summary>
    public double F1AtHalf
    {
        get
        {
            var p = AtHalf == 0 ? 1 : CorrectAtHalf / (double)AtHalf;
            var r = TruePairs == 0 ? 1 : CorrectAtHalf / (double)TruePairs;
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    /// <summary>Runs the linker on <paramref name="dataset"/> and scores its pairs.</summary>
    public static LinkageScore Measure(LinkageDataset dataset, LinkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = dataset.IsDedupe ? Linker.Dedupe(dataset.Left, options) : Linker.Link(dataset.Left, dataset.Right!, options);
        var seconds = started.Elapsed.TotalSeconds;
        int automatic = 0, correctAutomatic = 0, proposed = 0, trueProposed = 0, atHalf = 0, correctAtHalf = 0;
        foreach (var pair in result.Pairs)
        {
            if (!dataset.PersonOf.TryGetValue(pair.LeftId, out var left) || !dataset.PersonOf.TryGetValue(pair.RightId, out var right))
            {
                continue;
            }

            var same = left == right;
            proposed++;
            trueProposed += same ? 1 : 0;
            if (pair.Decision == LinkDecision.Match)
            {
                automatic++;
                correctAutomatic += same ? 1 : 0;
            }

            if (pair.Probability >= 0.5)
            {
                atHalf++;
                correctAtHalf += same ? 1 : 0;
            }
        }

        return new LinkageScore(dataset.Name, dataset.Left.Count + (dataset.Right?.Count ?? 0), result.ComparedPairs, CountTruePairs(dataset),
            automatic, correctAutomatic, proposed, trueProposed, atHalf, correctAtHalf, result.FittedBy, result.Model, seconds, MeasureBlockingRecall(dataset, options ?? new LinkOptions()),
            CountReviewDecisions(dataset, result.Pairs));
    }

    // Distinct pairs of clusters (joined by automatic matches) among the review pairs of labelled records, as the review pairs are counted.
    private static int CountReviewDecisions(LinkageDataset dataset, IReadOnlyList<ScoredPair> pairs)
    {
        var (leftSide, rightSide) = dataset.IsDedupe ? ("", "") : ("L", "R");
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        string Root(string id)
        {
            while (parent.TryGetValue(id, out var up) && up != id)
            {
                id = up;
            }

            return id;
        }

        foreach (var pair in pairs.Where(p => p.Decision == LinkDecision.Match))
        {
            var (a, b) = (Root(leftSide + pair.LeftId), Root(rightSide + pair.RightId));
            if (a != b)
            {
                parent[a] = b;
            }
        }

        return pairs.Where(p => p.Decision == LinkDecision.Review && dataset.PersonOf.ContainsKey(p.LeftId) && dataset.PersonOf.ContainsKey(p.RightId))
            .Select(p => (Root(leftSide + p.LeftId), Root(rightSide + p.RightId)))
            .Select(x => string.CompareOrdinal(x.Item1, x.Item2) < 0 ? x : (x.Item2, x.Item1))
            .Distinct().Count();
    }

    // The share of true pairs that any blocking rule puts together: the most the scoring can find.
    private static double MeasureBlockingRecall(LinkageDataset dataset, LinkOptions options)
    {
        var normaliser = new PersonNormaliser();
        var left = normaliser.NormaliseAll(dataset.Left);
        var right = dataset.Right is null ? null : normaliser.NormaliseAll(dataset.Right);
        var pairs = right is null ? BlockingRules.DedupePairs(left, options.MaxBlock, options.CompareAllPairsUpTo) : BlockingRules.LinkPairs(left, right, options.MaxBlock, options.CompareAllPairsUpTo);
        var other = right ?? left;
        var blockedTrue = pairs.Count(p => dataset.PersonOf.TryGetValue(left[p.Left].Id, out var a) && dataset.PersonOf.TryGetValue(other[p.Right].Id, out var b) && a == b);
        var truePairs = CountTruePairs(dataset);
        return truePairs == 0 ? 1 : blockedTrue / (double)truePairs;
    }

    /// <summary>The pairs of records of the same person (across the two files for a link).</summary>
    public static long CountTruePairs(LinkageDataset dataset)
    {
        if (dataset.IsDedupe)
        {
            return dataset.Left.Where(r => dataset.PersonOf.ContainsKey(r.Id)).GroupBy(r => dataset.PersonOf[r.Id], StringComparer.Ordinal)
                .Sum(g => (long)g.Count() * (g.Count() - 1) / 2);
        }

        var leftCounts = dataset.Left.Where(r => dataset.PersonOf.ContainsKey(r.Id)).GroupBy(r => dataset.PersonOf[r.Id], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        return dataset.Right!.Where(r => dataset.PersonOf.ContainsKey(r.Id)).Sum(r => leftCounts.GetValueOrDefault(dataset.PersonOf[r.Id]));
    }
}
