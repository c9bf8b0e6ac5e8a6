using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>
/// A linear softmax model over sparse features. Weights are stored feature-major (all classes of a feature are
/// contiguous) so a sparse dot product reads memory in order.
/// </summary>
public sealed class SoftmaxModel
{
    public SoftmaxModel(int featureCount, int classCount, float[] weights, float[] bias)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(bias);
        if (weights.Length != featureCount * classCount || bias.Length != classCount)
        {
            throw new ArgumentException("Weights must hold featureCount × classCount values and bias classCount.");
        }

        FeatureCount = featureCount;
        ClassCount = classCount;
        Weights = weights;
        Bias = bias;
    }

    public int FeatureCount { get; }

    public int ClassCount { get; }

    public float[] Weights { get; }

    public float[] Bias { get; }

    /// <summary>Writes the raw scores (logits) of <paramref name="x"/> into <paramref name="scores"/>.</summary>
    public void Scores(SparseVector x, Span<float> scores)
    {
        Bias.CopyTo(scores);
        AddProduct(x, x.Count, scores);
    }

    /// <summary>
    /// Writes the part of the scores of <paramref name="x"/> that comes from columns below <paramref name="endColumn"/>
    /// (no bias) into <paramref name="scores"/>. <paramref name="x"/>'s columns ascend, so this reads a prefix.
    /// </summary>
    internal void PartialScores(SparseVector x, int endColumn, Span<float> scores)
    {
        scores.Clear();
        var count = 0;
        while (count < x.Count && x.Indices[count] < endColumn)
        {
            count++;
        }

        AddProduct(x, count, scores);
    }

    /// <summary>
    /// Adds the first <paramref name="count"/> entries of <paramref name="x"/> times their weight rows to
    /// <paramref name="scores"/>: eight classes at a time held in registers across all columns, so each score is
    /// still its starting value plus the products in column order (the same float sums as adding row by row).
    /// </summary>
    private void AddProduct(SparseVector x, int count, Span<float> scores)
    {
        var k = ClassCount;
        if (scores.Length < k || count > x.Count)
        {
            throw new ArgumentException("The scores need one value per class.", nameof(scores));
        }

        var indices = x.Indices.AsSpan(0, count);
        var values = x.Values.AsSpan(0, count);
        foreach (var column in indices)
        {
            if ((uint)column >= (uint)FeatureCount)
            {
                throw new ArgumentOutOfRangeException(nameof(x), "A column is outside the model.");
            }
        }

        ref var weights = ref MemoryMarshal.GetArrayDataReference(Weights);
        ref var target = ref MemoryMarshal.GetReference(scores);
        var c = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; c + 16 <= k; c += 16)
            {
                var a0 = Vector256.LoadUnsafe(ref target, (nuint)c);
                var a1 = Vector256.LoadUnsafe(ref target, (nuint)(c + 8));
                for (var i = 0; i < indices.Length; i++)
                {
                    var f = Vector256.Create(values[i]);
                    var row = (nuint)((long)indices[i] * k) + (nuint)c;
                    a0 += Vector256.LoadUnsafe(ref weights, row) * f;
                    a1 += Vector256.LoadUnsafe(ref weights, row + 8) * f;
                }

                a0.StoreUnsafe(ref target, (nuint)c);
                a1.StoreUnsafe(ref target, (nuint)(c + 8));
            }

            for (; c + 8 <= k; c += 8)
            {
                var a0 = Vector256.LoadUnsafe(ref target, (nuint)c);
                for (var i = 0; i < indices.Length; i++)
                {
                    a0 += Vector256.LoadUnsafe(ref weights, (nuint)((long)indices[i] * k) + (nuint)c) * Vector256.Create(values[i]);
                }

                a0.StoreUnsafe(ref target, (nuint)c);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; c + 4 <= k; c += 4)
            {
                var a0 = Vector128.LoadUnsafe(ref target, (nuint)c);
                for (var i = 0; i < indices.Length; i++)
                {
                    a0 += Vector128.LoadUnsafe(ref weights, (nuint)((long)indices[i] * k) + (nuint)c) * Vector128.Create(values[i]);
                }

                a0.StoreUnsafe(ref target, (nuint)c);
            }
        }

        for (; c < k; c++)
        {
            var sum = scores[c];
            for (var i = 0; i < indices.Length; i++)
            {
                sum += Weights[(indices[i] * k) + c] * values[i];
            }

            scores[c] = sum;
        }
    }

    /// <summary>Trains by stochastic gradient descent on the cross-entropy with an L2 penalty.</summary>
    public static SoftmaxModel Train(IReadOnlyList<SparseVector> xs, IReadOnlyList<int> ys, int featureCount, int classCount, SoftmaxTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(ys);
        ArgumentNullException.ThrowIfNull(options);
        var k = classCount;
        var weights = new float[featureCount * k];
        var bias = new float[k];
        var order = Enumerable.Range(0, xs.Count).ToArray();
        var random = new Random(options.Seed);
        var scores = new float[k];

        // The weights are kept as scale × stored values so the L2 decay of every weight is one multiplication.
        double scale = 1;
        long step = 0;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var n in order)
            {
                var x = xs[n];
                var eta = options.LearningRate / (1 + (options.LearningRate * options.L2 * step));
                step++;

                bias.CopyTo(scores, 0);
                var s = (float)scale;
                for (var i = 0; i < x.Count; i++)
                {
                    AddScaled(scores, weights.AsSpan(x.Indices[i] * k, k), x.Values[i] * s);
                }

                SoftmaxInPlace(scores);
                scores[ys[n]] -= 1f;

                scale *= 1 - (eta * options.L2);
                for (var c = 0; c < k; c++)
                {
                    bias[c] -= (float)(eta * scores[c]);
                }

                var factor = (float)(-eta / scale);
                for (var i = 0; i < x.Count; i++)
                {
                    AddScaled(weights.AsSpan(x.Indices[i] * k, k), scores, x.Values[i] * factor);
                }

                if (scale < 1e-4)
                {
                    Rescale(weights, (float)scale);
                    scale = 1;
                }
            }
        }

        Rescale(weights, (float)scale);
        return new SoftmaxModel(featureCount, classCount, weights, bias);
    }

    /// <summary>The linear model whose scores are those of <paramref name="first"/> plus <paramref name="weight"/> times those of <paramref name="second"/>.</summary>
    public static SoftmaxModel Sum(SoftmaxModel first, SoftmaxModel second, double weight)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.FeatureCount != second.FeatureCount || first.ClassCount != second.ClassCount)
        {
            throw new ArgumentException("Both models must have the same features and classes.", nameof(second));
        }

        var weights = new float[first.Weights.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = first.Weights[i] + (float)(weight * second.Weights[i]);
        }

        var bias = new float[first.ClassCount];
        for (var c = 0; c < bias.Length; c++)
        {
            bias[c] = first.Bias[c] + (float)(weight * second.Bias[c]);
        }

        return new SoftmaxModel(first.FeatureCount, first.ClassCount, weights, bias);
    }

    /// <summary>Softmax of <paramref name="values"/> divided by <paramref name="temperature"/>, in place.</summary>
    public static void SoftmaxInPlace(Span<float> values, double temperature = 1)
    {
        var max = float.NegativeInfinity;
        foreach (var v in values)
        {
            max = Math.Max(max, v);
        }

        double sum = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var e = Math.Exp((values[i] - max) / temperature);
            values[i] = (float)e;
            sum += e;
        }

        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(values[i] / sum);
        }
    }

    private static void Rescale(float[] weights, float scale)
    {
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] *= scale;
        }
    }

    private static void AddScaled(Span<float> target, ReadOnlySpan<float> source, float factor)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && target.Length >= Vector<float>.Count)
        {
            var f = new Vector<float>(factor);
            for (; i <= target.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var t = new Vector<float>(target[i..]);
                var s = new Vector<float>(source[i..]);
                (t + (s * f)).CopyTo(target[i..]);
            }
        }

        for (; i < target.Length; i++)
        {
            target[i] += source[i] * factor;
        }
    }
}
