namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>
/// A small logistic regression that estimates the probability that a prediction's top label is right from
/// <see cref="ConfidenceFeatures"/> (top probability, top-1/top-2 gap, entropy, agreement of the word and character
/// parts of the scores, unseen n-grams, length). Fitted on predictions for examples the weights never saw; its output
/// is the confidence that thresholds are fitted on. Features are standardised; fitted by Newton's method with an L2
/// penalty on the weights (not the intercept).
/// </summary>
public sealed class CorrectnessModel
{
    private const int NewtonIterations = 50;

    internal CorrectnessModel(IReadOnlyList<string> featureNames, double[] means, double[] scales, double[] weights, double intercept)
    {
        if (means.Length != featureNames.Count || scales.Length != featureNames.Count || weights.Length != featureNames.Count)
        {
            throw new ArgumentException("Means, scales and weights need one value per feature.", nameof(featureNames));
        }

        FeatureNames = featureNames;
        Means = means;
        Scales = scales;
        Weights = weights;
        Intercept = intercept;
    }

    public IReadOnlyList<string> FeatureNames { get; }

    public IReadOnlyList<double> Means { get; }

    public IReadOnlyList<double> Scales { get; }

    public IReadOnlyList<double> Weights { get; }

    public double Intercept { get; }

    /// <summary>The estimated probability that the prediction described by <paramref name="features"/> is right.</summary>
    public double Score(ReadOnlySpan<double> features)
    {
        var z = Intercept;
        for (var j = 0; j < Weights.Count; j++)
        {
            z += Weights[j] * ((features[j] - Means[j]) / Scales[j]);
        }

        return 1 / (1 + Math.Exp(-z));
    }

    /// <summary>Fits the model on feature rows and whether each prediction was right.</summary>
    /// <param name="rows">One feature array per prediction, all of length <paramref name="featureNames"/>.Count.</param>
    /// <param name="correct">Whether each prediction was right.</param>
    /// <param name="featureNames">Names of the features.</param>
    /// <param name="l2">L2 penalty on the standardised weights, as a total (not per example).</param>
    public static CorrectnessModel Fit(IReadOnlyList<double[]> rows, IReadOnlyList<bool> correct, IReadOnlyList<string> featureNames, double l2)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(correct);
        ArgumentNullException.ThrowIfNull(featureNames);
        if (rows.Count != correct.Count || rows.Count == 0)
        {
            throw new ArgumentException("Every row needs an outcome, and there must be rows.", nameof(correct));
        }

        var d = featureNames.Count;
        var n = rows.Count;
        var means = new double[d];
        var scales = new double[d];
        for (var j = 0; j < d; j++)
        {
            double sum = 0, squares = 0;
            foreach (var row in rows)
            {
                sum += row[j];
                squares += row[j] * row[j];
            }

            means[j] = sum / n;
            var variance = (squares / n) - (means[j] * means[j]);
            scales[j] = variance > 1e-12 ? Math.Sqrt(variance) : 1;
        }

        // Parameters: d weights then the intercept.
        var x = new double[n][];
        for (var i = 0; i < n; i++)
        {
            x[i] = new double[d + 1];
            for (var j = 0; j < d; j++)
            {
                x[i][j] = (rows[i][j] - means[j]) / scales[j];
            }

            x[i][d] = 1;
        }

        var beta = new double[d + 1];
        var positives = correct.Count(c => c);
        beta[d] = Math.Log((positives + 0.5) / (n - positives + 0.5));
        var gradient = new double[d + 1];
        var hessian = new double[d + 1, d + 1];
        for (var iteration = 0; iteration < NewtonIterations; iteration++)
        {
            Array.Clear(gradient);
            Array.Clear(hessian);
            for (var i = 0; i < n; i++)
            {
                double z = 0;
                for (var j = 0; j <= d; j++)
                {
                    z += beta[j] * x[i][j];
                }

                var p = 1 / (1 + Math.Exp(-z));
                var residual = p - (correct[i] ? 1 : 0);
                var w = Math.Max(p * (1 - p), 1e-10);
                for (var j = 0; j <= d; j++)
                {
                    gradient[j] += residual * x[i][j];
                    for (var m = 0; m <= j; m++)
                    {
                        hessian[j, m] += w * x[i][j] * x[i][m];
                    }
                }
            }

            for (var j = 0; j < d; j++)
            {
                gradient[j] += l2 * beta[j];
                hessian[j, j] += l2;
            }

            hessian[d, d] += 1e-9;
            for (var j = 0; j <= d; j++)
            {
                for (var m = j + 1; m <= d; m++)
                {
                    hessian[j, m] = hessian[m, j];
                }
            }

            // Newton step, halved until the penalised loss does not rise (a full step can overshoot when the
            // classes are nearly separable).
            var step = Solve(hessian, gradient);
            var loss = Loss(x, correct, beta, l2, d);
            var candidate = new double[d + 1];
            var factor = 1.0;
            for (var halving = 0; halving < 40; halving++, factor /= 2)
            {
                for (var j = 0; j <= d; j++)
                {
                    candidate[j] = beta[j] - (factor * step[j]);
                }

                if (Loss(x, correct, candidate, l2, d) <= loss + 1e-12)
                {
                    break;
                }
            }

            double change = 0;
            for (var j = 0; j <= d; j++)
            {
                change = Math.Max(change, Math.Abs(candidate[j] - beta[j]));
                beta[j] = candidate[j];
            }

            if (change < 1e-8)
            {
                break;
            }
        }

        return new CorrectnessModel(featureNames, means, scales, beta[..d], beta[d]);
    }

    private static double Loss(double[][] x, IReadOnlyList<bool> correct, double[] beta, double l2, int d)
    {
        double loss = 0;
        for (var i = 0; i < x.Length; i++)
        {
            double z = 0;
            for (var j = 0; j <= d; j++)
            {
                z += beta[j] * x[i][j];
            }

            // -log sigmoid(±z), computed stably.
            var margin = correct[i] ? z : -z;
            loss += margin > 0 ? Math.Log(1 + Math.Exp(-margin)) : -margin + Math.Log(1 + Math.Exp(margin));
        }

        for (var j = 0; j < d; j++)
        {
            loss += 0.5 * l2 * beta[j] * beta[j];
        }

        return loss;
    }

    /// <summary>Solves A s = b by Gaussian elimination with partial pivoting (A is small and positive definite).</summary>
    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var v = (double[])b.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
            {
                pivot = Math.Abs(m[r, col]) > Math.Abs(m[pivot, col]) ? r : pivot;
            }

            if (pivot != col)
            {
                for (var c = 0; c < n; c++)
                {
                    (m[col, c], m[pivot, c]) = (m[pivot, c], m[col, c]);
                }

                (v[col], v[pivot]) = (v[pivot], v[col]);
            }

            for (var r = col + 1; r < n; r++)
            {
                var factor = m[r, col] / m[col, col];
                for (var c = col; c < n; c++)
                {
                    m[r, c] -= factor * m[col, c];
                }

                v[r] -= factor * v[col];
            }
        }

        var s = new double[n];
        for (var r = n - 1; r >= 0; r--)
        {
            var sum = v[r];
            for (var c = r + 1; c < n; c++)
            {
                sum -= m[r, c] * s[c];
            }

            s[r] = sum / m[r, r];
        }

        return s;
    }
}
