namespace AutomationFleet.Core.Metrics;

/// <summary>
/// The coverage/precision trade-off of candidate confidence thresholds over reviewed proposals. Pure: the caller
/// supplies the samples (from <see cref="IFleetMetrics.GetReviewedSamplesAsync"/>).
/// </summary>
/// <remarks>
/// The samples are the proposals that went to review, so they are mostly below the threshold in force when they
/// were decided: the curve tells what lowering a threshold would have let through, and says little about
/// confidences above the current threshold (those items were never reviewed).
/// </remarks>
public static class ThresholdCurve
{
    /// <summary>The candidate thresholds shown by default, from 0.50 to 0.999.</summary>
    public static IReadOnlyList<double> DefaultThresholds { get; } =
        [0.50, 0.60, 0.70, 0.75, 0.80, 0.85, 0.90, 0.925, 0.95, 0.97, 0.98, 0.99, 0.995, 0.999];

    /// <summary>One point per threshold, in the order given.</summary>
    /// <param name="samples">The reviewed proposals.</param>
    /// <param name="thresholds">Candidate thresholds, each in 0..1.</param>
    /// <returns>Coverage and precision each threshold would have had.</returns>
    public static IReadOnlyList<ThresholdPoint> Compute(IReadOnlyCollection<ConfidenceSample> samples, IReadOnlyList<double> thresholds)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(thresholds);
        foreach (var threshold in thresholds)
        {
            if (double.IsNaN(threshold) || threshold < 0 || threshold > 1)
            {
                throw new ArgumentOutOfRangeException(nameof(thresholds), threshold, "A threshold must be between 0 and 1.");
            }
        }

        // Sorted descending, a running count gives every threshold in one pass after the sort.
        var sorted = samples.OrderByDescending(s => s.Confidence).ToArray();
        var order = Enumerable.Range(0, thresholds.Count).OrderByDescending(i => thresholds[i]).ToArray();
        var points = new ThresholdPoint[thresholds.Count];
        var index = 0;
        var agreed = 0;
        foreach (var i in order)
        {
            while (index < sorted.Length && sorted[index].Confidence >= thresholds[i])
            {
                if (sorted[index].Agreed)
                {
                    agreed++;
                }

                index++;
            }

            points[i] = new ThresholdPoint(thresholds[i], sorted.Length, index, agreed);
        }

        return points;
    }
}
