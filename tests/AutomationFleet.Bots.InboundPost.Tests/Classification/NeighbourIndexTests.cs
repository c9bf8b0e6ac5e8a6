using AutomationFleet.Bots.InboundPost.Classification;
using AutomationFleet.Bots.InboundPost.Tests.Bot;

namespace AutomationFleet.Bots.InboundPost.Tests.Classification;

/// <summary>The nearest-neighbour signals on real sentence embeddings of the council starter set.</summary>
public sealed class NeighbourIndexTests
{
    private static readonly float[][] Square = [[1f, 0f], [0.8f, 0.6f], [0f, 1f], [-1f, 0f]];

    [Fact]
    public void Search_LettersOfACategoryNeverTrained_FartherThanLettersOfTrainedCategories()
    {
        // Each category of the starter set left out of the index in turn: its held-out letters resemble trained
        // categories (council post throughout) but are of none of them.
        var training = LabelledTextLoader.Load(Repository.File("config", "training", "council-post.csv"));
        var heldOut = LabelledTextLoader.Load(Repository.File("config", "training", "council-post-heldout.csv"));
        var trainingEmbeddings = TestEmbedder.Shared.EmbedMany(training.Select(e => e.Text).ToList());
        var heldOutEmbeddings = TestEmbedder.Shared.EmbedMany(heldOut.Select(e => e.Text).ToList());
        var categories = training.Select(e => e.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var ranks = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var leftOut in categories)
        {
            var labels = categories.Where(c => c != leftOut).ToList();
            var kept = Enumerable.Range(0, training.Count).Where(i => training[i].Label != leftOut).ToList();
            var index = NeighbourIndex.Fit(kept.Select(i => trainingEmbeddings[i]).ToList(), kept.Select(i => labels.IndexOf(training[i].Label)).ToList(), labels.Count, 10);
            var nearest = new float[labels.Count];
            var distances = heldOutEmbeddings.Select(e => index.Search(e, nearest)).ToList();

            var novel = Enumerable.Range(0, heldOut.Count).Where(i => heldOut[i].Label == leftOut).Select(i => distances[i]).ToList();
            var familiar = Enumerable.Range(0, heldOut.Count).Where(i => heldOut[i].Label != leftOut).Select(i => distances[i]).ToList();
            ranks[leftOut] = novel.Sum(n => familiar.Count(f => f < n) + (0.5 * familiar.Count(f => f == n))) / (novel.Count * (double)familiar.Count);
        }

        // The share of (never-trained, trained) letter pairs in which the never-trained letter is farther (AUROC).
        var report = string.Join(", ", ranks.Select(p => FormattableString.Invariant($"{p.Key} {p.Value:0.00}")));
        Assert.True(ranks.Values.Average() >= 0.7, report);
        Assert.True(ranks.Values.All(r => r > 0.5), report);
    }

    [Fact]
    public void Search_TrainingText_NearestOfItsOwnClassIsItself()
    {
        var training = LabelledTextLoader.Load(Repository.File("config", "training", "council-post.csv")).Take(60).ToList();
        var labels = training.Select(e => e.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var embeddings = TestEmbedder.Shared.EmbedMany(training.Select(e => e.Text).ToList());
        var index = NeighbourIndex.Fit(embeddings, training.Select(e => labels.IndexOf(e.Label)).ToList(), labels.Count, 1);
        var nearest = new float[labels.Count];

        var distance = index.Search(embeddings[0], nearest);

        Assert.InRange(distance, -1e-5, 1e-5);
        Assert.InRange(nearest[labels.IndexOf(training[0].Label)], -1e-5f, 1e-5f);
        Assert.All(Enumerable.Range(0, labels.Count).Where(c => c != labels.IndexOf(training[0].Label)), c => Assert.True(nearest[c] > 0.01f));
    }

    [Fact]
    public void Search_KthNearest_IsTheKthLargestSimilarity()
    {
        var index = NeighbourIndex.Fit(Square, [0, 0, 1, 1], 2, 3);
        var nearest = new float[2];

        var distance = index.Search([2f, 0f], nearest);

        Assert.Equal(1.0, distance, 5); // third nearest: (0, 1), cosine 0
        Assert.Equal(0f, nearest[0], 5); // (1, 0) itself
        Assert.Equal(1f, nearest[1], 5); // (0, 1)
    }
}
