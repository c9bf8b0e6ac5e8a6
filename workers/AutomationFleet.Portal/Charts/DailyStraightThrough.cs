using AutomationFleet.Core.Metrics;

namespace AutomationFleet.Portal.Charts;

/// <summary>
/// The whole fleet's straight-through figures for one 24-hour slice: <see cref="DaysAgo"/> 0 is the last 24 hours, 1 the
/// 24 before, and so on. <see cref="IFleetMetrics"/> gives totals over a window ending now, so a slice is the difference
/// of two windows (last k days minus last k−1 days): one store query per day, no new query in the store. Items that
/// complete between two of those queries can make a slice off by those few; a negative difference is shown as 0.
/// </summary>
/// <param name="DaysAgo">Which slice.</param>
/// <param name="Automatic">Completed with no person.</param>
/// <param name="ViaReview">Completed after a person decided.</param>
public sealed record DailyStraightThrough(int DaysAgo, int Automatic, int ViaReview)
{
    /// <summary>How many slices the dashboard draws.</summary>
    public const int Days = 7;

    /// <summary>Automatic over all completed, or null when nothing completed.</summary>
    public double? Rate => Automatic + ViaReview == 0 ? null : (double)Automatic / (Automatic + ViaReview);

    /// <summary>
    /// The slices from windows of 1..N days (index 0 = 1 day), each a list of rates per bot and category, summed over
    /// the fleet. Oldest first.
    /// </summary>
    public static IReadOnlyList<DailyStraightThrough> FromWindows(IReadOnlyList<IReadOnlyList<StraightThroughRate>> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var totals = windows.Select(w => (Automatic: w.Sum(r => r.Automatic), ViaReview: w.Sum(r => r.ViaReview))).ToList();
        var days = new List<DailyStraightThrough>();
        for (var k = totals.Count - 1; k >= 0; k--)
        {
            var previous = k == 0 ? (Automatic: 0, ViaReview: 0) : totals[k - 1];
            days.Add(new DailyStraightThrough(
                k, Math.Max(0, totals[k].Automatic - previous.Automatic), Math.Max(0, totals[k].ViaReview - previous.ViaReview)));
        }

        return days;
    }
}
