using AutomationFleet.Core.Metrics;

namespace AutomationFleet.Core.Tests.Metrics;

public sealed class ThresholdCurveTests
{
    private static readonly ConfidenceSample[] Samples =
    [
        new(0.999, true), new(0.98, true), new(0.95, false), new(0.90, true), new(0.80, true), new(0.60, false), new(0.55, false),
    ];

    [Fact]
    public void Compute_KnownSamples_CoverageAndPrecisionPerThreshold()
    {
        var points = ThresholdCurve.Compute(Samples, [0.5, 0.9, 0.95, 0.999]);

        Assert.Equal([0.5, 0.9, 0.95, 0.999], points.Select(p => p.Threshold));
        Assert.All(points, p => Assert.Equal(7, p.Samples));
        Assert.Equal([7, 4, 3, 1], points.Select(p => p.Automatic));
        Assert.Equal([4, 3, 2, 1], points.Select(p => p.AutomaticAgreed));
        Assert.Equal(4.0 / 7, points[1].Coverage!.Value, 10);
        Assert.Equal(0.75, points[1].Precision!.Value, 10);
        Assert.Equal(1, points[1].AutomaticWrong);
        Assert.Equal(1.0, points[3].Precision);
    }

    [Fact]
    public void Compute_ThresholdsInAnyOrder_PointsKeepTheGivenOrder()
    {
        var ascending = ThresholdCurve.Compute(Samples, [0.5, 0.9, 0.99]);
        var mixed = ThresholdCurve.Compute(Samples, [0.99, 0.5, 0.9]);

        Assert.Equal(ascending[0], mixed[1]);
        Assert.Equal(ascending[1], mixed[2]);
        Assert.Equal(ascending[2], mixed[0]);
    }

    [Fact]
    public void Compute_ConfidenceEqualToThreshold_CountsAsAutomatic()
    {
        var point = Assert.Single(ThresholdCurve.Compute([new ConfidenceSample(0.9, true)], [0.9]));

        Assert.Equal(1, point.Automatic);
    }

    [Fact]
    public void Compute_NoSamples_CoverageAndPrecisionAreNull()
    {
        var point = Assert.Single(ThresholdCurve.Compute([], [0.9]));

        Assert.Equal(0, point.Samples);
        Assert.Null(point.Coverage);
        Assert.Null(point.Precision);
    }

    [Fact]
    public void Compute_NoneAboveThreshold_PrecisionNullCoverageZero()
    {
        var point = Assert.Single(ThresholdCurve.Compute([new ConfidenceSample(0.4, true)], [0.5]));

        Assert.Equal(0.0, point.Coverage);
        Assert.Null(point.Precision);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void Compute_ThresholdOutOfRange_Throws(double threshold)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ThresholdCurve.Compute(Samples, [threshold]));
    }

    [Fact]
    public void DefaultThresholds_From050To0999Ascending()
    {
        Assert.Equal(0.50, ThresholdCurve.DefaultThresholds[0]);
        Assert.Equal(0.999, ThresholdCurve.DefaultThresholds[^1]);
        Assert.Equal(ThresholdCurve.DefaultThresholds.Order(), ThresholdCurve.DefaultThresholds);
    }
}
