namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>One bin of a reliability table: predictions whose confidence lies in [Lower, Upper).</summary>
public sealed record ReliabilityBin(double Lower, double Upper, int Count, double MeanConfidence, double Accuracy);

/// <summary>How well confidences match accuracy: expected calibration error and the table behind it.</summary>
public sealed record Reliability(double ExpectedCalibrationError, IReadOnlyList<ReliabilityBin> Bins)
{
    /// <summary>Bins predictions by confidence into <paramref name="binCount"/> equal-width bins; ECE = Σ (n_b / N)·|accuracy_b − confidence_b|.</summary>
    public static Reliability Compute(IReadOnlyList<(double Confidence, bool Correct)> predictions, int binCount = 10)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentOutOfRangeException.ThrowIfLessThan(binCount, 1);
        var counts = new int[binCount];
        var confidence = new double[binCount];
        var correct = new int[binCount];
        foreach (var (c, ok) in predictions)
        {
            var bin = Math.Clamp((int)(c * binCount), 0, binCount - 1);
            counts[bin]++;
            confidence[bin] += c;
            correct[bin] += ok ? 1 : 0;
        }

        var bins = new List<ReliabilityBin>(binCount);
        double ece = 0;
        for (var b = 0; b < binCount; b++)
        {
            var meanConfidence = counts[b] == 0 ? 0 : confidence[b] / counts[b];
            var accuracy = counts[b] == 0 ? 0 : (double)correct[b] / counts[b];
            bins.Add(new ReliabilityBin((double)b / binCount, (double)(b + 1) / binCount, counts[b], meanConfidence, accuracy));
            if (predictions.Count > 0)
            {
                ece += (double)counts[b] / predictions.Count * Math.Abs(accuracy - meanConfidence);
            }
        }

        return new Reliability(ece, bins);
    }
}
