namespace AutomationFleet.Portal.Charts;

/// <summary>One value of a chart.</summary>
/// <param name="X">Where on the horizontal axis (for bars: ignored, bars go in order).</param>
/// <param name="Y">The value.</param>
/// <param name="Label">What the point is, in words, for its tooltip (<c>&lt;title&gt;</c>), e.g. "09:00 UTC: 12 completed".</param>
public sealed record ChartPoint(double X, double Y, string Label);
