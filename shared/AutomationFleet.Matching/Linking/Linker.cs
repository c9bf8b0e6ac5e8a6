using AutomationFleet.Matching.Blocking;
using AutomationFleet.Matching.Normalisation;
using AutomationFleet.Matching.Records;
using AutomationFleet.Matching.Scoring;

namespace AutomationFleet.Matching.Linking;

/// <summary>
/// Links two record sets, or finds the duplicates within one: normalise, block, fit the model by EM on the blocked pairs
/// (no labels), score every blocked pair and keep those at or above the review threshold, each decided
/// <see cref="LinkDecision.Match"/> or <see cref="LinkDecision.Review"/>.
/// </summary>
public static class Linker
{
    /// <summary>Finds the likely duplicates within <paramref name="records"/> (each pair once, left before right in file order).</summary>
    public static LinkResult Dedupe(IReadOnlyList<PersonRecord> records, LinkOptions? options = null, IProgress<LinkProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        options ??= new LinkOptions();
        progress?.Report(new LinkProgress(LinkStage.Normalising, 0, records.Count));
        var people = Normalise(records);
        progress?.Report(new LinkProgress(LinkStage.Blocking, 0, records.Count));
        var pairs = BlockingRules.DedupePairs(people, options.MaxBlock, options.CompareAllPairsUpTo);
        return Score(people, null, pairs, options, progress);
    }

    /// <summary>Finds the records of <paramref name="right"/> that are likely the same people as records of <paramref name="left"/>.</summary>
    public static LinkResult Link(IReadOnlyList<PersonRecord> left, IReadOnlyList<PersonRecord> right, LinkOptions? options = null, IProgress<LinkProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        options ??= new LinkOptions();
        progress?.Report(new LinkProgress(LinkStage.Normalising, 0, left.Count + right.Count));
        var normaliser = new PersonNormaliser();
        var l = normaliser.NormaliseAll(left);
        var r = normaliser.NormaliseAll(right);

        // One frequency table over both sides: a name is rare or common in the population being linked.
        TermFrequencies.Count(l.Concat(r)).Assign(l.Concat(r));
        progress?.Report(new LinkProgress(LinkStage.Blocking, 0, left.Count + right.Count));
        var pairs = BlockingRules.LinkPairs(l, r, options.MaxBlock, options.CompareAllPairsUpTo);
        return Score(l, r, pairs, options, progress);
    }

    // Identity is transitive: when a = b and b = c are automatic matches, a proposed pair a–c is the same person too,
    // whatever its own score. A pair sent to review whose two records are joined by a chain of automatic matches is
    // made a match (its probability is left as scored). A compared pair below the review threshold so joined goes to
    // review: its own score speaks against the chain, so a person decides.
    internal static void PromoteWithinClusters(List<ScoredPair> pairs, bool dedupe, IEnumerable<(string LeftId, string RightId, double Probability)>? belowReview = null)
    {
        var (leftSide, rightSide) = dedupe ? ("", "") : ("L", "R");
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        string Root(string id)
        {
            while (parent.TryGetValue(id, out var up) && up != id)
            {
                var grand = parent.GetValueOrDefault(up, up);
                parent[id] = grand;
                id = grand;
            }

            return id;
        }

        // In a link, left and right ids may overlap, so each side is its own name space.
        foreach (var pair in pairs.Where(p => p.Decision == LinkDecision.Match))
        {
            var (a, b) = (Root(leftSide + pair.LeftId), Root(rightSide + pair.RightId));
            if (a != b)
            {
                parent[a] = b;
            }
        }

        if (parent.Count == 0)
        {
            return;
        }

        bool Joined(string left, string right) => Root(leftSide + left) == Root(rightSide + right);
        for (var i = 0; i < pairs.Count; i++)
        {
            if (pairs[i].Decision == LinkDecision.Review && Joined(pairs[i].LeftId, pairs[i].RightId))
            {
                pairs[i] = pairs[i] with { Decision = LinkDecision.Match };
            }
        }

        // A review pair asks whether two clusters of automatic matches are one person; the reviewer's answer covers
        // every pair between them, so the compared pairs below the threshold between those two clusters are shown too.
        var reviewed = new HashSet<(string, string)>();
        foreach (var pair in pairs.Where(p => p.Decision == LinkDecision.Review))
        {
            var (a, b) = (Root(leftSide + pair.LeftId), Root(rightSide + pair.RightId));
            reviewed.Add(string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a));
        }

        bool Reviewed(string left, string right)
        {
            var (a, b) = (Root(leftSide + left), Root(rightSide + right));
            return reviewed.Contains(string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a));
        }

        pairs.AddRange((belowReview ?? []).Where(p => Joined(p.LeftId, p.RightId) || Reviewed(p.LeftId, p.RightId))
            .Select(p => new ScoredPair(p.LeftId, p.RightId, p.Probability, LinkDecision.Review)));
    }

    private static NormalisedPerson[] Normalise(IReadOnlyList<PersonRecord> records)
    {
        var people = new PersonNormaliser().NormaliseAll(records);
        TermFrequencies.Count(people).Assign(people);
        return people;
    }

    private static LinkResult Score(NormalisedPerson[] left, NormalisedPerson[]? right, List<(int Left, int Right)> pairs, LinkOptions options, IProgress<LinkProgress>? progress)
    {
        progress?.Report(new LinkProgress(LinkStage.Fitting, 0, pairs.Count));
        var comparisons = ComparisonSet.Default;
        var trained = ModelTrainer.Train(left, right, pairs, comparisons, options.MaxBlock);
        var other = right ?? left;
        var scorer = new MatchScorer(trained.Model, comparisons);
        progress?.Report(new LinkProgress(LinkStage.Scoring, 0, pairs.Count));
        var probabilities = new double[pairs.Count];
        var done = 0L;
        Parallel.For(0, pairs.Count, i =>
        {
            probabilities[i] = MatchScorer.Probability(scorer.Score(left[pairs[i].Left], other[pairs[i].Right]));
            var n = Interlocked.Increment(ref done);
            if (n % 100_000 == 0)
            {
                progress?.Report(new LinkProgress(LinkStage.Scoring, n, pairs.Count));
            }
        });

        var kept = new List<ScoredPair>();
        for (var i = 0; i < pairs.Count; i++)
        {
            var p = probabilities[i];
            if (p >= options.ReviewThreshold)
            {
                kept.Add(new ScoredPair(left[pairs[i].Left].Id, other[pairs[i].Right].Id, p, p >= options.MatchThreshold ? LinkDecision.Match : LinkDecision.Review));
            }
        }

        if (options.MatchWithinClusters)
        {
            var below = Enumerable.Range(0, pairs.Count).Where(i => probabilities[i] < options.ReviewThreshold)
                .Select(i => (left[pairs[i].Left].Id, other[pairs[i].Right].Id, probabilities[i]));
            PromoteWithinClusters(kept, right is null, below);
        }

        kept.Sort((a, b) => b.Probability.CompareTo(a.Probability));
        progress?.Report(new LinkProgress(LinkStage.Scoring, pairs.Count, pairs.Count));
        return new LinkResult(kept, pairs.Count, trained.Model, trained.FittedBy);
    }
}

/// <summary>Thresholds and limits of one run.</summary>
public sealed record LinkOptions
{
    /// <summary>A pair at or above this probability is a match without review.</summary>
    public double MatchThreshold { get; init; } = 0.999;

    /// <summary>Pairs below this are dropped; between it and <see cref="MatchThreshold"/> they go to review.</summary>
    public double ReviewThreshold { get; init; } = 0.05;

    /// <summary>Blocks larger than this say little and are skipped (a common surname and year in a big file).</summary>
    public int MaxBlock { get; init; } = 1000;

    /// <summary>
    /// Sets with no more pairs than this are compared in full, not blocked. Blocking is there for scale: a million
    /// pairs take well under a second to score on two cores, and below that blocking only loses pairs (on a
    /// small set, the true pairs with a typo in every field a rule keys on).
    /// </summary>
    public long CompareAllPairsUpTo { get; init; } = 1_000_000;

    /// <summary>
    /// A pair sent to review whose two records are already joined by a chain of automatic matches is a match (identity
    /// is transitive); a compared pair below <see cref="ReviewThreshold"/> so joined goes to review.
    /// </summary>
    public bool MatchWithinClusters { get; init; } = true;
}

/// <summary>One proposed pair.</summary>
public sealed record ScoredPair(string LeftId, string RightId, double Probability, LinkDecision Decision);

/// <summary>What to do with a pair.</summary>
public enum LinkDecision
{
    /// <summary>The same person, without review.</summary>
    Match,

    /// <summary>Possibly the same person: a person decides.</summary>
    Review,
}

/// <summary>The proposed pairs, best first; how many blocked pairs were compared; the fitted model.</summary>
public sealed record LinkResult(IReadOnlyList<ScoredPair> Pairs, long ComparedPairs, MatchModel Model, string FittedBy);

/// <summary>Where a run is: stage, and how far through it (of <see cref="Total"/>).</summary>
public sealed record LinkProgress(LinkStage Stage, long Done, long Total);

/// <summary>The stages of a run.</summary>
public enum LinkStage
{
    /// <summary>Reading fields into compared form.</summary>
    Normalising,

    /// <summary>Finding the pairs worth comparing.</summary>
    Blocking,

    /// <summary>Estimating m, u and λ.</summary>
    Fitting,

    /// <summary>Scoring the pairs.</summary>
    Scoring,
}
