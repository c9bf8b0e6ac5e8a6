using AutomationFleet.Bots.InboundPost.Classification;
using AutomationFleet.Bots.InboundPost.Tests.Bot;

namespace AutomationFleet.Bots.InboundPost.Tests.Classification;

/// <summary>The nearest-neighbour signals on real sentence embeddings of the council starter set.</summary>
public sealed class NeighbourIndexTests
{
    private static readonly float[][] Square = [[1f, 0f], [0.8f, 0.6f], [0f, 1f], [-1f, 0f]];

    [Theory]
    [InlineData("school-transport")]
    [InlineData("blue-badge")]
    [InlineData("financial-assessment-form")]
    public void Search_LettersOfACategoryNeverTrained_FartherThanLettersOfTrainedCategories(string leftOut)
    {
        var training = LabelledTextLoader.Load(Repository.File("config", "training", "council-post.csv")).Where(e => e.Label != leftOut).ToList();
        var heldOut = LabelledTextLoader.Load(Repository.File("config", "training", "council-post-heldout.csv"));
        var labels = training.Select(e => e.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var index = NeighbourIndex.Fit(TestEmbedder.Shared.EmbedMany(training.Select(e => e.Text).ToList()), training.Select(e => labels.IndexOf(e.Label)).ToList(), labels.Count, 10);
        var embeddings = TestEmbedder.Shared.EmbedMany(heldOut.Select(e => e.Text).ToList());
        var nearest = new float[labels.Count];

        var distances = embeddings.Select(e => index.Search(e, nearest)).ToList();

        var novel = Enumerable.Range(0, heldOut.Count).Where(i => heldOut[i].Label == leftOut).Select(i => distances[i]).ToList();
        var familiar = Enumerable.Range(0, heldOut.Count).Where(i => heldOut[i].Label != leftOut).Select(i => distances[i]).ToList();
        var ranked = novel.Sum(n => familiar.Count(f => f < n) + (0.5 * familiar.Count(f => f == n))) / (novel.Count * (double)familiar.Count);
        Assert.True(ranked >= 0.75, $"a never-trained letter is farther than a trained one in {ranked:P1} of pairs");
        Assert.True(Median(novel) > Median(familiar), $"median distance {Median(novel)} (never trained) vs {Median(familiar)}");
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

        Assert.Equal(1.0, distance, 5);                // third nearest: (0, 1), cosine 0
        Assert.Equal(0f, nearest[0], 5);             // (1, 0) itself
        Assert.Equal(1f, nearest[1], 5);             // (0, 1)
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
