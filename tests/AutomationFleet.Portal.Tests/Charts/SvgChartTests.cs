using System.Globalization;
using System.Xml.Linq;
using AutomationFleet.Core.Metrics;
using AutomationFleet.Portal.Charts;

namespace AutomationFleet.Portal.Tests.Charts;

public sealed class SvgChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Position_LinePoints_MapToThePlotByValue()
    {
        var chart = Line(new ChartPoint(0, 0, "a"), new ChartPoint(0.5, 1, "b"), new ChartPoint(1, 0.25, "c"));

        // Plot: x from Left to Width-Right, y from Top (max) to Height-Bottom (min).
        Assert.Equal((SvgChart.Left, SvgChart.Height - SvgChart.Bottom), chart.Position(0));
        Assert.Equal((SvgChart.Left + ((SvgChart.Width - SvgChart.Left - SvgChart.Right) / 2), SvgChart.Top), chart.Position(1));
        Assert.Equal(SvgChart.Width - SvgChart.Right, chart.Position(2).X);
        Assert.Equal(SvgChart.Top + ((SvgChart.Height - SvgChart.Top - SvgChart.Bottom) * 0.75), chart.Position(2).Y, 6);
    }

    [Fact]
    public void ToMarkup_LineChart_CirclesAtThePositionsWithTheirLabels()
    {
        var chart = Line(new ChartPoint(0.2, 0.9, "threshold 0.9 <b>"), new ChartPoint(0.8, 0.5, "threshold 0.5"));

        var svg = XElement.Parse(chart.ToMarkup());

        var circles = svg.Descendants(Svg + "circle").ToList();
        Assert.Equal(2, circles.Count);
        for (var i = 0; i < circles.Count; i++)
        {
            var (x, y) = chart.Position(i);
            Assert.Equal(x, double.Parse(circles[i].Attribute("cx")!.Value, CultureInfo.InvariantCulture), 2);
            Assert.Equal(y, double.Parse(circles[i].Attribute("cy")!.Value, CultureInfo.InvariantCulture), 2);
        }

        Assert.Equal("threshold 0.9 <b>", circles[0].Element(Svg + "title")!.Value);
        Assert.Equal(2, svg.Descendants(Svg + "polyline").Single().Attribute("points")!.Value.Split(' ').Length);
    }

    [Fact]
    public void ToMarkup_AnyChart_ImgNamedByItsTitleAndDescribedWithItsExtremes()
    {
        var chart = FleetCharts.CompletedPerHour([new HourlyCount(At(9), 3), new HourlyCount(At(10), 12), new HourlyCount(At(11), 0)]);

        var svg = XElement.Parse(chart.ToMarkup());

        Assert.Equal("img", svg.Attribute("role")!.Value);
        Assert.Equal("chart-hourly-title", svg.Attribute("aria-labelledby")!.Value);
        Assert.Equal("Items completed per hour, last 24 hours", svg.Element(Svg + "title")!.Value);
        var desc = svg.Element(Svg + "desc")!.Value;
        Assert.Contains("highest 05 Jan 10:00: 12 completed", desc, StringComparison.Ordinal);
        Assert.Contains("lowest 05 Jan 11:00: 0 completed", desc, StringComparison.Ordinal);
    }

    [Fact]
    public void ToMarkup_Bars_OneBarPerPointHeightProportionalToTheValue()
    {
        var chart = FleetCharts.CompletedPerHour([new HourlyCount(At(9), 5), new HourlyCount(At(10), 10)]);

        var bars = XElement.Parse(chart.ToMarkup()).Descendants(Svg + "rect").ToList();

        Assert.Equal(2, bars.Count);
        var heights = bars.Select(b => double.Parse(b.Attribute("height")!.Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(SvgChart.Height - SvgChart.Top - SvgChart.Bottom, heights[1], 2);
        Assert.Equal(heights[1] / 2, heights[0], 2);
        Assert.True(double.Parse(bars[0].Attribute("x")!.Value, CultureInfo.InvariantCulture) < double.Parse(bars[1].Attribute("x")!.Value, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ToMarkup_NoPoints_SaysThereIsNoDataAndDrawsNothing()
    {
        var markup = FleetCharts.ThresholdTradeOff([]).ToMarkup();

        Assert.DoesNotContain("<svg", markup, StringComparison.Ordinal);
        Assert.Contains("no data to draw yet", markup, StringComparison.Ordinal);
    }

    [Fact]
    public void ThresholdTradeOff_PointWithNothingAutomatic_LeftOut()
    {
        var chart = FleetCharts.ThresholdTradeOff([new ThresholdPoint(0.5, 10, 8, 7), new ThresholdPoint(0.99, 10, 0, 0)]);

        var point = Assert.Single(chart.Points);
        Assert.Equal((0.8, 0.875), (point.X, point.Y));
    }

    [Fact]
    public void FromWindows_CumulativeWindows_DifferencesPerDayOldestFirst()
    {
        IReadOnlyList<StraightThroughRate>[] windows =
        [
            [new("post", "a", 3, 1)],
            [new("post", "a", 5, 1), new("forms", null, 0, 2)],
            [new("post", "a", 5, 1), new("forms", null, 1, 2)],
        ];

        var days = DailyStraightThrough.FromWindows(windows);

        Assert.Equal([new(2, 1, 0), new(1, 2, 2), new(0, 3, 1)], days);
        Assert.Equal(0.75, days[^1].Rate);
    }

    private static SvgChart Line(params ChartPoint[] points) =>
        new("c", "Title", "Description.", ChartKind.Line, ChartAxis.Share("x"), ChartAxis.Share("y"), points);

    private static DateTimeOffset At(int hour) => new(2026, 1, 5, hour, 0, 0, TimeSpan.Zero);
}
