namespace AutomationFleet.Portal.Charts;

/// <summary>How a <see cref="SvgChart"/> draws its points.</summary>
public enum ChartKind
{
    /// <summary>One bar per point, in order (counts per hour).</summary>
    Bars,

    /// <summary>A line through the points by their X (rates over time, a trade-off curve).</summary>
    Line,
}
