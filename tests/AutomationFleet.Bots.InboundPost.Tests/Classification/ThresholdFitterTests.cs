using AutomationFleet.Bots.InboundPost.Classification;

namespace AutomationFleet.Bots.InboundPost.Tests.Classification;

public sealed class ThresholdFitterTests
{
    private static readonly ThresholdOptions PointEstimate = new() { TargetPrecision = 0.9, MinSupport = 5, WilsonZ = 0 };

    /// <summary>Ten predictions of one category at probabilities 0.95, 0.90, …, 0.50; the listed ranks are wrong.</summary>
    private static List<HeldOutPrediction> Ladder(string label, params int[] wrongRanks) =>
        Enumerable.Range(0, 10).Select(r => new HeldOutPrediction(label, 0.95 - (0.05 * r), !wrongRanks.Contains(r))).ToList();

    [Fact]
    public void Fit_ConstructedErrors_ChoosesLowestThresholdMeetingPrecision()
    {
        // Wrong at ranks 3 and 8: precision at 0.80 is 3/4, at 0.55 is 8/9, at 0.50 is 8/10; at 0.85 it is 3/3.
        var predictions = Ladder("a", 3, 8);

        var thresholds = ThresholdFitter.Fit(predictions, PointEstimate);

        Assert.Equal(0.85, thresholds.Global, 6);
        var automatic = predictions.Where(p => p.Probability >= thresholds.Global).ToList();
        Assert.True(automatic.Count(p => p.Correct) / (double)automatic.Count >= 0.9);
    }

    [Fact]
    public void Fit_CategoryConfusedMoreThanTheRest_IsRaisedAboveGlobal()
    {
        var predictions = Ladder("clean").Concat(Ladder("clean2")).Concat(Ladder("confused", 1, 2)).ToList();

        var thresholds = ThresholdFitter.Fit(predictions, PointEstimate);

        Assert.Equal(0.95, thresholds.For("confused"), 6);
        Assert.True(thresholds.For("clean") <= thresholds.Global);
        Assert.True(thresholds.Global < 0.95);
    }

    [Fact]
    public void Fit_OneErrorAmongManyWithWilson_IsNotRaised()
    {
        // 60 predictions of "a" above a clean global threshold, one of them wrong: 59/60 is below 0.99 as a point
        // estimate, but the Wilson interval still reaches 0.99, so there is no evidence the category is worse.
        var options = new ThresholdOptions { TargetPrecision = 0.99, MinSupport = 20, WilsonZ = 1.645 };
        var clean = Enumerable.Range(0, 2000).Select(i => new HeldOutPrediction("b", 0.999 - (i * 0.0001), true));
        var a = Enumerable.Range(0, 60).Select(i => new HeldOutPrediction("a", 0.999 - (i * 0.003), i != 10));
        var predictions = clean.Concat(a).ToList();

        var thresholds = ThresholdFitter.Fit(predictions, options);

        Assert.True(thresholds.For("a") <= thresholds.Global, $"a {thresholds.For("a")} global {thresholds.Global}");
    }

    [Fact]
    public void Fit_ManyErrorsWithWilson_IsRaisedAboveThem()
    {
        var options = new ThresholdOptions { TargetPrecision = 0.99, MinSupport = 20, WilsonZ = 1.645 };
        var clean = Enumerable.Range(0, 2000).Select(i => new HeldOutPrediction("b", 0.999 - (i * 0.0001), true));
        // "a" is wrong at every fifth prediction below 0.9: clear evidence of worse precision there.
        var a = Enumerable.Range(0, 60).Select(i => 0.999 - (i * 0.003)).Select(p => new HeldOutPrediction("a", p, p >= 0.9 || Math.Round(p * 1000) % 5 != 0));
        var predictions = clean.Concat(a).ToList();

        var thresholds = ThresholdFitter.Fit(predictions, options);

        Assert.True(thresholds.For("a") > thresholds.Global, $"a {thresholds.For("a")} global {thresholds.Global}");
        Assert.True(thresholds.For("a") >= 0.85, $"a {thresholds.For("a")}");
    }

    [Fact]
    public void WilsonUpperBound_KnownValue_MatchesFormula()
    {
        Assert.Equal(1.0, ThresholdFitter.WilsonUpperBound(0, 0, 1.96));
        Assert.Equal(1.0, ThresholdFitter.WilsonUpperBound(50, 50, 1.96), 9);
        Assert.Equal(1 - ThresholdFitter.WilsonLowerBound(7, 20, 1.96), ThresholdFitter.WilsonUpperBound(13, 20, 1.96), 9);
    }

    [Fact]
    public void Fit_CategoryBelowMinSupport_UsesGlobal()
    {
        var predictions = Ladder("big", 2).Concat(Ladder("small").Take(3)).ToList();

        var thresholds = ThresholdFitter.Fit(predictions, PointEstimate);

        Assert.False(thresholds.PerCategory.ContainsKey("small"));
        Assert.Equal(thresholds.Global, thresholds.For("small"));
    }

    [Fact]
    public void Fit_FewPerfectExamples_CannotGoBelowGlobalWithoutWilsonEvidence()
    {
        // Category "perfect" is right all ten times, but ten examples cannot show 0.9 precision at 95% confidence.
        var options = PointEstimate with { WilsonZ = 1.645 };
        // "bulk" is right above 0.9 and wrong every other time below it, so the global threshold sits near 0.9.
        var bulk = Enumerable.Range(0, 400).Select(i => 0.99 - (i * 0.002)).Select((p, i) => new HeldOutPrediction("bulk", p, p >= 0.9 || i % 2 == 0));
        var predictions = Ladder("perfect").Concat(bulk).ToList();

        var thresholds = ThresholdFitter.Fit(predictions, options);

        Assert.True(thresholds.Global > 0.5, $"global {thresholds.Global}");
        Assert.Equal(thresholds.Global, thresholds.For("perfect"));
    }

    [Fact]
    public void Fit_NoThresholdReachesTarget_IsUnreachable()
    {
        var thresholds = ThresholdFitter.Fit(Ladder("bad", 0, 1, 2, 3, 4, 5), PointEstimate);

        Assert.Equal(CategoryThresholds.Unreachable, thresholds.Global);
    }

    [Fact]
    public void Fit_OutOfScopeCountedAsErrors_RaisesThreshold()
    {
        var inScope = Ladder("a");
        var withOutOfScope = inScope.Append(new HeldOutPrediction("a", 0.93, Correct: false)).Append(new HeldOutPrediction("a", 0.91, Correct: false)).ToList();

        var before = ThresholdFitter.Fit(inScope, PointEstimate).For("a");
        var after = ThresholdFitter.Fit(withOutOfScope, PointEstimate).For("a");

        Assert.True(after > before, $"{after} should be above {before}");
    }

    [Fact]
    public void WilsonLowerBound_KnownValue_MatchesFormula()
    {
        Assert.Equal(0.0, ThresholdFitter.WilsonLowerBound(0, 0, 1.96));
        Assert.Equal(100 / (100 + (1.96 * 1.96)), ThresholdFitter.WilsonLowerBound(100, 100, 1.96), 9);
    }
}
