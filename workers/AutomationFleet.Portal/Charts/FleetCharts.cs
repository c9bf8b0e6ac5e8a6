using System.Globalization;
using AutomationFleet.Core.Metrics;

namespace AutomationFleet.Portal.Charts;

/// <summary>The portal's charts, built from <see cref="IFleetMetrics"/>' figures: what each shows and how it is labelled.</summary>
public static class FleetCharts
{
    /// <summary>Items completed per hour (bars), as the dashboard's table lists them.</summary>
    public static SvgChart CompletedPerHour(IReadOnlyList<HourlyCount> hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var points = hours.Select(h => new ChartPoint(
            h.HourStart.ToUnixTimeSeconds(), h.Count, $"{Hour(h.HourStart)}: {h.Count} completed")).ToList();
        return new SvgChart(
            "chart-hourly", "Items completed per hour, last 24 hours",
            "Bars: completed items per hour (UTC).", ChartKind.Bars,
            new ChartAxis("Hour (UTC)", 0, 0, seconds => Hour(DateTimeOffset.FromUnixTimeSeconds((long)seconds))),
            ChartAxis.Count("Completed", hours.Count == 0 ? 1 : hours.Max(h => h.Count)),
            points);
    }

    /// <summary>The whole fleet's straight-through rate per day, oldest first (days with nothing completed are left out).</summary>
    public static SvgChart StraightThroughPerDay(IReadOnlyList<DailyStraightThrough> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var points = days.Where(d => d.Rate is not null)
            .Select(d => new ChartPoint(d.DaysAgo == 0 ? 0 : -d.DaysAgo, d.Rate!.Value, $"{Day(d)}: {Percent(d.Rate)} ({d.Automatic} automatic, {d.ViaReview} via review)"))
            .ToList();
        return new SvgChart(
            "chart-straight-through", "Straight-through rate per day, last 7 days",
            "Line: the share of completed items finished with no person, per day, the whole fleet.", ChartKind.Line,
            new ChartAxis("Day (0 = the last 24 hours)", -(DailyStraightThrough.Days - 1), 0, v => v == 0 ? "last 24 h" : ((int)v).ToString(CultureInfo.InvariantCulture) + " d"),
            ChartAxis.Share("Straight through"),
            points);
    }

    /// <summary>The coverage/precision trade-off of the candidate thresholds (points with nothing automatic are left out).</summary>
    public static SvgChart ThresholdTradeOff(IReadOnlyList<ThresholdPoint> curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var points = curve.Where(p => p.Coverage is not null && p.Precision is not null)
            .OrderBy(p => p.Coverage)
            .Select(p => new ChartPoint(
                p.Coverage!.Value, p.Precision!.Value,
                $"threshold {Number(p.Threshold)}: coverage {Number(p.Coverage)}, precision {Number(p.Precision)}"))
            .ToList();
        return new SvgChart(
            "chart-curve", "Coverage against precision for each candidate threshold",
            "Line: each point a threshold; further right lets more through automatically, higher means fewer of those were wrong.",
            ChartKind.Line, ChartAxis.Share("Coverage (share automatic)"), ChartAxis.Share("Precision (share approved)"), points);
    }

    private static string Hour(DateTimeOffset at) => at.UtcDateTime.ToString("dd MMM HH:00", CultureInfo.InvariantCulture);

    private static string Day(DailyStraightThrough day) => day.DaysAgo == 0 ? "last 24 hours" : $"{day.DaysAgo} day(s) before";

    private static string Percent(double? rate) => rate is { } value ? (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "–";

    private static string Number(double? value) => value?.ToString("0.000", CultureInfo.InvariantCulture) ?? "–";
}
