using AutomationFleet.Bots.InboundPost.Classification;
using Microsoft.Extensions.Time.Testing;

namespace AutomationFleet.Bots.InboundPost.Tests.Classification;

public sealed class ModelPromotionTests
{
    [Theory]
    [InlineData(0.995, 0.80, true)]
    [InlineData(0.990, 0.80, true)]
    [InlineData(0.989, 0.90, false)]
    [InlineData(0.999, 0.79, false)]
    public void Decide_CandidateAgainstCurrent_PromotesOnlyWhenNeitherIsWorse(double precision, double coverage, bool expected)
    {
        var decision = ModelPromotion.Decide(new HeldOutScore(0.990, 0.80), new HeldOutScore(precision, coverage));

        Assert.Equal(expected, decision.Promote);
    }

    [Fact]
    public void Decide_BothWorse_NamesBothReasons()
    {
        var decision = ModelPromotion.Decide(new HeldOutScore(0.99, 0.8), new HeldOutScore(0.98, 0.7));

        Assert.Contains("precision", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("coverage", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_NoCurrentModel_Promotes()
    {
        Assert.True(ModelPromotion.Decide(null, new HeldOutScore(0.5, 0.1)).Promote);
    }

    [Fact]
    public void Compare_CandidateTrainedOnCorruptedLabels_IsNotPromoted()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var good = SyntheticData.Generate(50, seed: 11);
        var labels = SyntheticData.Labels;
        var corrupted = good.Select((e, i) => i % 2 == 0 ? e with { Label = labels[(labels.ToList().IndexOf(e.Label) + 1) % labels.Count] } : e).ToList();
        var heldOut = SyntheticData.Generate(20, seed: 12);

        // A 0.9 target: 150 examples cannot show 0.99 precision with confidence, and then neither model automates anything.
        var options = new TextClassifierTrainingOptions { Thresholds = new ThresholdOptions { TargetPrecision = 0.9 } };
        var current = TextClassifierTrainer.Train(good, options, clock);
        var candidate = TextClassifierTrainer.Train(corrupted, options, clock);
        var decision = ModelPromotion.Compare(current, candidate, heldOut);

        Assert.True(decision.Current!.Coverage > 0.5, $"current coverage {decision.Current.Coverage}");
        Assert.False(decision.Promote, decision.Reason);
        Assert.True(ModelPromotion.Compare(candidate, current, heldOut).Promote);
    }
}
