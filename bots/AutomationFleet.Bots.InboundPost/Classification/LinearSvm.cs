namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>
/// One-vs-rest linear SVM with squared hinge loss, trained per class by dual coordinate descent with shrinking
/// (Hsieh et al. 2008, LIBLINEAR solver 1). The bias is a constant feature of value 1, regularised like the rest.
/// The result is a linear scorer in the same layout as <see cref="SoftmaxModel"/>.
/// </summary>
internal static class LinearSvm
{
    public static SoftmaxModel Train(IReadOnlyList<SparseVector> xs, IReadOnlyList<int> ys, int featureCount, int classCount, LinearSvmOptions options)
    {
        var squaredNorms = new double[xs.Count];
        for (var i = 0; i < xs.Count; i++)
        {
            double sum = 1; // the bias feature
            foreach (var v in xs[i].Values)
            {
                sum += v * v;
            }

            squaredNorms[i] = sum;
        }

        var weights = new float[featureCount * classCount];
        var bias = new float[classCount];
        Parallel.For(0, classCount, c =>
        {
            var w = new double[featureCount];
            bias[c] = (float)TrainBinary(xs, ys, c, squaredNorms, w, options);
            for (var f = 0; f < featureCount; f++)
            {
                weights[(f * classCount) + c] = (float)w[f];
            }
        });

        return new SoftmaxModel(featureCount, classCount, weights, bias);
    }

    private static double TrainBinary(IReadOnlyList<SparseVector> xs, IReadOnlyList<int> ys, int positive, double[] squaredNorms, double[] w, LinearSvmOptions options)
    {
        var n = xs.Count;
        var diagonal = 0.5 / options.C;
        var alpha = new double[n];
        var index = new int[n];
        for (var i = 0; i < n; i++)
        {
            index[i] = i;
        }

        var random = new Random(options.Seed + positive);
        double b = 0;
        var active = n;
        var maxOld = double.PositiveInfinity;
        for (var iteration = 0; iteration < options.MaxIterations; iteration++)
        {
            var maxNew = double.NegativeInfinity;
            var minNew = double.PositiveInfinity;
            random.Shuffle(index.AsSpan(0, active));
            for (var s = 0; s < active; s++)
            {
                var i = index[s];
                var y = ys[i] == positive ? 1.0 : -1.0;
                var x = xs[i];
                var dot = b;
                for (var k = 0; k < x.Count; k++)
                {
                    dot += w[x.Indices[k]] * x.Values[k];
                }

                var g = (y * dot) - 1 + (diagonal * alpha[i]);
                double pg = 0;
                if (alpha[i] == 0)
                {
                    if (g > maxOld)
                    {
                        // Shrink: this example sits well outside the margin and is unlikely to come back.
                        active--;
                        (index[s], index[active]) = (index[active], index[s]);
                        s--;
                        continue;
                    }

                    if (g < 0)
                    {
                        pg = g;
                    }
                }
                else
                {
                    pg = g;
                }

                maxNew = Math.Max(maxNew, pg);
                minNew = Math.Min(minNew, pg);
                if (Math.Abs(pg) > 1e-12)
                {
                    var old = alpha[i];
                    alpha[i] = Math.Max(old - (g / (squaredNorms[i] + diagonal)), 0);
                    var d = (alpha[i] - old) * y;
                    for (var k = 0; k < x.Count; k++)
                    {
                        w[x.Indices[k]] += d * x.Values[k];
                    }

                    b += d;
                }
            }

            if (maxNew - minNew <= options.Tolerance)
            {
                if (active == n)
                {
                    break;
                }

                // Converged on the shrunk set: check every example once more.
                active = n;
                maxOld = double.PositiveInfinity;
                continue;
            }

            maxOld = maxNew <= 0 ? double.PositiveInfinity : maxNew;
        }

        return b;
    }
}
