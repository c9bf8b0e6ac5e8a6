namespace AutomationFleet.Portal.Charts;

/// <summary>One axis of a chart: its name and range, and how its tick values are written.</summary>
/// <param name="Name">What the axis measures, e.g. "Completed items".</param>
/// <param name="Min">The lowest value shown.</param>
/// <param name="Max">The highest value shown; equal to <paramref name="Min"/> puts every point in the middle.</param>
/// <param name="Format">How a tick value is written, e.g. "0 %" after scaling, or a whole number.</param>
public sealed record ChartAxis(string Name, double Min, double Max, Func<double, string> Format)
{
    /// <summary>A value from 0 to <paramref name="max"/> (at least 1), ticks as whole numbers.</summary>
    public static ChartAxis Count(string name, double max) =>
        new(name, 0, Math.Max(1, max), v => v.ToString("0", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A share from 0 to 1, ticks as percentages.</summary>
    public static ChartAxis Share(string name) =>
        new(name, 0, 1, v => (v * 100).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " %");
}
