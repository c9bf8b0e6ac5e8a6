using System.Globalization;
using AutomationFleet.Matching.Blocking;
using AutomationFleet.Matching.Linking;
using AutomationFleet.Matching.Normalisation;
using AutomationFleet.Matching.Scoring;

namespace AutomationFleet.LinkageEvaluation;

/// <summary>
/// Where a run's true pairs go: never compared (no blocking rule put them together; and how they would have scored had
/// they been), compared but below the review threshold, sent to review, matched; how many are outranked by a wrong
/// candidate of either record; and precision and recall at several thresholds, to tell a conservative threshold from
/// badly calibrated probabilities.
/// </summary>
public static class LinkageBreakdown
{
    private static readonly double[] Thresholds = [0.5, 0.9, 0.99, 0.999, 0.9999];

    /// <summary>Prints the breakdown of one run of <paramref name="dataset"/>.</summary>
    public static void Print(LinkageDataset dataset, TextWriter output, LinkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(output);
        options ??= new LinkOptions();
        var result = dataset.IsDedupe ? Linker.Dedupe(dataset.Left, options) : Linker.Link(dataset.Left, dataset.Right!, options);
        var normaliser = new PersonNormaliser();
        var left = normaliser.NormaliseAll(dataset.Left);
        var right = dataset.IsDedupe ? left : normaliser.NormaliseAll(dataset.Right!);
        TermFrequencies.Count(dataset.IsDedupe ? left : left.Concat(right)).Assign(dataset.IsDedupe ? left : left.Concat(right));
        var scorer = new MatchScorer(result.Model, ComparisonSet.Default);
        var blocked = (dataset.IsDedupe ? BlockingRules.DedupePairs(left, options.MaxBlock, options.CompareAllPairsUpTo) : BlockingRules.LinkPairs(left, right, options.MaxBlock, options.CompareAllPairsUpTo))
            .Select(p => Key(left[p.Left].Id, right[p.Right].Id)).ToHashSet();

        bool Same(string a, string b) => dataset.PersonOf.TryGetValue(a, out var x) && dataset.PersonOf.TryGetValue(b, out var y) && x == y;

        // True pairs never compared, and what they would have scored.
        int notBlocked = 0, notBlockedAboveReview = 0, notBlockedAboveMatch = 0;
        var leftByPerson = left.Select((p, i) => (p, i)).Where(x => dataset.PersonOf.ContainsKey(x.p.Id)).GroupBy(x => dataset.PersonOf[x.p.Id], StringComparer.Ordinal);
        var rightByPerson = right.Select((p, i) => (p, i)).Where(x => dataset.PersonOf.ContainsKey(x.p.Id))
            .GroupBy(x => dataset.PersonOf[x.p.Id], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var group in leftByPerson)
        {
            if (!rightByPerson.TryGetValue(group.Key, out var partners))
            {
                continue;
            }

            foreach (var (a, i) in group)
            {
                foreach (var (b, j) in partners)
                {
                    if ((dataset.IsDedupe && j <= i) || blocked.Contains(Key(a.Id, b.Id)) || (dataset.IsDedupe && blocked.Contains(Key(b.Id, a.Id))))
                    {
                        continue;
                    }

                    notBlocked++;
                    var p = MatchScorer.Probability(scorer.Score(a, b));
                    notBlockedAboveReview += p >= options.ReviewThreshold ? 1 : 0;
                    notBlockedAboveMatch += p >= options.MatchThreshold ? 1 : 0;
                }
            }
        }

        var truePairs = LinkageScore.CountTruePairs(dataset);
        int review = 0, match = 0, outranked = 0;
        var best = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var pair in result.Pairs.Where(p => dataset.PersonOf.ContainsKey(p.LeftId) && dataset.PersonOf.ContainsKey(p.RightId) && !Same(p.LeftId, p.RightId)))
        {
            best["L" + pair.LeftId] = Math.Max(best.GetValueOrDefault("L" + pair.LeftId), pair.Probability);
            best["R" + pair.RightId] = Math.Max(best.GetValueOrDefault("R" + pair.RightId), pair.Probability);
        }

        foreach (var pair in result.Pairs.Where(p => Same(p.LeftId, p.RightId)))
        {
            review += pair.Decision == LinkDecision.Review ? 1 : 0;
            match += pair.Decision == LinkDecision.Match ? 1 : 0;
            var rival = Math.Max(best.GetValueOrDefault("L" + pair.LeftId), best.GetValueOrDefault("R" + pair.RightId));
            if (dataset.IsDedupe)
            {
                rival = Math.Max(rival, Math.Max(best.GetValueOrDefault("R" + pair.LeftId), best.GetValueOrDefault("L" + pair.RightId)));
            }

            outranked += rival > pair.Probability ? 1 : 0;
        }

        var belowReview = truePairs - notBlocked - review - match;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{dataset.Name}: {truePairs:N0} true pairs: never compared {notBlocked:N0} (had they been: {notBlockedAboveReview:N0} at p >= {options.ReviewThreshold}, {notBlockedAboveMatch:N0} at p >= {options.MatchThreshold}); compared, p < {options.ReviewThreshold}: {belowReview:N0}; review {review:N0}; match {match:N0}; outranked by a wrong candidate of either record: {outranked:N0}; prior {Math.Log2(result.Model.Lambda / (1 - result.Model.Lambda)):0.0} bits"));
        foreach (var t in Thresholds)
        {
            int at = 0, agreed = 0;
            foreach (var pair in result.Pairs.Where(p => p.Probability >= t && dataset.PersonOf.ContainsKey(p.LeftId) && dataset.PersonOf.ContainsKey(p.RightId)))
            {
                at++;
                agreed += Same(pair.LeftId, pair.RightId) ? 1 : 0;
            }

            var precision = at == 0 ? 1 : agreed / (double)at;
            var recall = truePairs == 0 ? 1 : agreed / (double)truePairs;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  p >= {t}: precision {precision:0.0000} ({agreed:N0}/{at:N0}), recall {recall:0.0000}, F1 {f1:0.0000}"));
        }
    }

    private static (string, string) Key(string a, string b) => (a, b);
}
