namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>Fits the single temperature T that minimises the negative log-likelihood of softmax(logits / T).</summary>
public static class TemperatureScaling
{
    /// <summary>Returns the fitted temperature, searched on a log scale in [0.05, 20]; 1 when there is nothing to fit.</summary>
    /// <param name="logits">Raw scores, one array per held-out example.</param>
    /// <param name="labels">The true class index of each example.</param>
    public static double Fit(IReadOnlyList<float[]> logits, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(labels);
        if (logits.Count == 0)
        {
            return 1;
        }

        // Golden-section search on ln T: the NLL is unimodal in T for a fixed set of logits.
        var lo = Math.Log(0.05);
        var hi = Math.Log(20);
        var ratio = (Math.Sqrt(5) - 1) / 2;
        var a = hi - (ratio * (hi - lo));
        var b = lo + (ratio * (hi - lo));
        var fa = NegativeLogLikelihood(logits, labels, Math.Exp(a));
        var fb = NegativeLogLikelihood(logits, labels, Math.Exp(b));
        for (var i = 0; i < 60; i++)
        {
            if (fa < fb)
            {
                hi = b;
                b = a;
                fb = fa;
                a = hi - (ratio * (hi - lo));
                fa = NegativeLogLikelihood(logits, labels, Math.Exp(a));
            }
            else
            {
                lo = a;
                a = b;
                fa = fb;
                b = lo + (ratio * (hi - lo));
                fb = NegativeLogLikelihood(logits, labels, Math.Exp(b));
            }
        }

        return Math.Exp((lo + hi) / 2);
    }

    /// <summary>Mean negative log-likelihood of the true classes at temperature <paramref name="temperature"/>.</summary>
    public static double NegativeLogLikelihood(IReadOnlyList<float[]> logits, IReadOnlyList<int> labels, double temperature)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(labels);
        double total = 0;
        for (var n = 0; n < logits.Count; n++)
        {
            var z = logits[n];
            var max = z.Max();
            double sum = 0;
            foreach (var v in z)
            {
                sum += Math.Exp((v - max) / temperature);
            }

            total += Math.Log(sum) - ((z[labels[n]] - max) / temperature);
        }

        return total / Math.Max(1, logits.Count);
    }
}
