using AutomationFleet.Bots.InboundPost.Classification;
using Microsoft.Extensions.Time.Testing;

namespace AutomationFleet.Bots.InboundPost.Tests.Classification;

/// <summary>What thresholds apply to: the top probability or the correctness model's confidence.</summary>
public sealed class ConfidenceSourceTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2025, 5, 6, 7, 8, 9, TimeSpan.Zero));

    private static TextClassifier Train(ConfidenceSource source) =>
        TextClassifierTrainer.Train(SyntheticData.GenerateOverlapping(120, seed: 8), new TextClassifierTrainingOptions { Confidence = source }, Clock);

    [Fact]
    public void Train_CorrectnessWithNeighbours_ConfidenceIsTheCorrectnessEstimateAndDecidesAutomatic()
    {
        var classifier = Train(ConfidenceSource.CorrectnessWithNeighbours);
        var texts = SyntheticData.GenerateOverlapping(20, seed: 21).Select(e => e.Text).ToList();

        var results = classifier.ClassifyMany(texts);

        Assert.NotNull(classifier.Correctness);
        Assert.NotNull(classifier.Neighbours);
        Assert.All(results, r =>
        {
            Assert.InRange(r.Probability, 0, 1);
            Assert.Equal(r.Probability >= r.Threshold, r.Automatic);
        });
        Assert.Contains(results, r => Math.Abs(r.Probability - r.Alternatives[0].Probability) > 1e-3);
        Assert.Equal(results[0].Probability, classifier.Confidence(texts[0]), precision: 12);
    }

    [Fact]
    public void Train_CorrectnessWithNeighbours_RightPredictionsGetHigherConfidenceThanWrongOnes()
    {
        var classifier = Train(ConfidenceSource.CorrectnessWithNeighbours);
        var unseen = SyntheticData.GenerateOverlapping(100, seed: 22);

        var results = classifier.ClassifyMany(unseen.Select(e => e.Text).ToList());

        var right = results.Where((r, i) => r.Label == unseen[i].Label).Select(r => r.Probability).ToList();
        var wrong = results.Where((r, i) => r.Label != unseen[i].Label).Select(r => r.Probability).ToList();
        Assert.NotEmpty(wrong);
        Assert.True(right.Average() > wrong.Average() + 0.1, $"right {right.Average()}, wrong {wrong.Average()}");
    }

    [Fact]
    public void Train_TopProbability_HasNoCorrectnessModel()
    {
        var classifier = Train(ConfidenceSource.TopProbability);

        var result = classifier.Classify("bin collection missed again");

        Assert.Null(classifier.Correctness);
        Assert.Equal(result.Alternatives[0].Probability, result.Probability);
    }

    [Fact]
    public void Train_Best_AutomatesAtLeastAsMuchHeldOutAsTheTopProbability()
    {
        var best = Train(ConfidenceSource.Best);
        var top = Train(ConfidenceSource.TopProbability);

        Assert.True(best.Metadata.HeldOutCoverage >= top.Metadata.HeldOutCoverage, $"best {best.Metadata.HeldOutCoverage}, top probability {top.Metadata.HeldOutCoverage}");
        Assert.True(best.Metadata.HeldOutPrecision >= 0.99 || best.Metadata.HeldOutCoverage == 0);
    }

    [Fact]
    public void Train_TooFewWrongPredictions_FallsBackToTheTopProbability()
    {
        var classifier = TextClassifierTrainer.Train(SyntheticData.Generate(60, seed: 1), new TextClassifierTrainingOptions { Confidence = ConfidenceSource.CorrectnessWithNeighbours }, Clock);

        Assert.Null(classifier.Correctness);
        Assert.Null(classifier.Neighbours);
    }
}
