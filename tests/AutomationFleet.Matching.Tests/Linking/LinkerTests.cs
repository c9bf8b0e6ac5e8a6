using AutomationFleet.Matching.Linking;

namespace AutomationFleet.Matching.Tests.Linking;

public sealed class LinkerTests
{
    [Fact]
    public void PromoteWithinClusters_ReviewPairJoinedByAutomaticMatches_Match()
    {
        List<ScoredPair> pairs =
        [
            new("a", "b", 0.9999, LinkDecision.Match),
            new("b", "c", 0.9995, LinkDecision.Match),
            new("a", "c", 0.6, LinkDecision.Review),
            new("c", "d", 0.7, LinkDecision.Review),
        ];

        Linker.PromoteWithinClusters(pairs, dedupe: true);

        Assert.Equal(LinkDecision.Match, pairs[2].Decision);
        Assert.Equal(0.6, pairs[2].Probability);

        // d is joined to the cluster only by this review pair itself: it stays with a person.
        Assert.Equal(LinkDecision.Review, pairs[3].Decision);
    }

    [Fact]
    public void PromoteWithinClusters_LinkWithSameIdOnBothSides_SidesKeptApart()
    {
        // Left 1 = right 2 and left 2 = right 1: in a dedupe that would join 1 and 2, in a link it joins nothing more.
        List<ScoredPair> pairs =
        [
            new("1", "2", 0.9999, LinkDecision.Match),
            new("2", "1", 0.9999, LinkDecision.Match),
            new("1", "1", 0.3, LinkDecision.Review),
        ];

        Linker.PromoteWithinClusters(pairs, dedupe: false);

        Assert.Equal(LinkDecision.Review, pairs[2].Decision);
    }

    [Fact]
    public void PromoteWithinClusters_LinkChainThroughBothSides_Match()
    {
        // Left a = right x, left b = right x, left b = right y: left a and right y are the same person.
        List<ScoredPair> pairs =
        [
            new("a", "x", 0.9999, LinkDecision.Match),
            new("b", "x", 0.9999, LinkDecision.Match),
            new("b", "y", 0.9999, LinkDecision.Match),
            new("a", "y", 0.2, LinkDecision.Review),
        ];

        Linker.PromoteWithinClusters(pairs, dedupe: false);

        Assert.Equal(LinkDecision.Match, pairs[3].Decision);
    }

    [Fact]
    public void PromoteWithinClusters_BelowReviewButJoinedByAutomaticMatches_SentToReview()
    {
        List<ScoredPair> pairs =
        [
            new("a", "b", 0.9999, LinkDecision.Match),
            new("b", "c", 0.9995, LinkDecision.Match),
        ];
        (string, string, double)[] below = [("a", "c", 0.001), ("a", "d", 0.01)];

        Linker.PromoteWithinClusters(pairs, dedupe: true, below);

        Assert.Equal(3, pairs.Count);
        Assert.Equal(new ScoredPair("a", "c", 0.001, LinkDecision.Review), pairs[2]);
    }

    [Fact]
    public void PromoteWithinClusters_BelowReviewBetweenClustersInReview_SentToReview()
    {
        List<ScoredPair> pairs =
        [
            new("a", "b", 0.9999, LinkDecision.Match),
            new("c", "d", 0.9995, LinkDecision.Match),
            new("a", "c", 0.2, LinkDecision.Review),
        ];
        (string, string, double)[] below = [("b", "d", 0.01), ("b", "e", 0.04)];

        Linker.PromoteWithinClusters(pairs, dedupe: true, below);

        Assert.Equal(4, pairs.Count);
        Assert.Equal(new ScoredPair("b", "d", 0.01, LinkDecision.Review), pairs[3]);
    }
}
