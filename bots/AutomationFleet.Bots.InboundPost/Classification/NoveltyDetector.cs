using System.Numerics;
using System.Numerics.Tensors;

namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>
/// Tells text unlike the training data from text like it, with no out-of-scope examples: the Mahalanobis distance of
/// a text's embedding to the nearest class mean, under one covariance shared by all classes (Podolskiy et al., AAAI
/// 2021, "Revisiting Mahalanobis Distance for Transformer-Based Out-of-Domain Detection"). The covariance is shrunk
/// towards a multiple of the identity, because a few hundred examples do not fill 384 dimensions.
/// A text is novel when its distance exceeds <see cref="Threshold"/>, a quantile of the distances of held-out in-scope
/// texts; with no held-out texts there is no threshold (<see cref="double.PositiveInfinity"/>) and nothing is novel.
/// </summary>
public sealed class NoveltyDetector
{
    internal NoveltyDetector(int dimensions, float[] cholesky, float[] whitenedMeans, double threshold)
    {
        if (cholesky.Length != dimensions * dimensions || whitenedMeans.Length % dimensions != 0)
        {
            throw new ArgumentException("The factor must be d × d and the means a multiple of d.", nameof(cholesky));
        }

        Dimensions = dimensions;
        Cholesky = cholesky;
        WhitenedMeans = whitenedMeans;
        Threshold = threshold;
    }

    public int Dimensions { get; }

    /// <summary>Distances above this are novel: the fitted quantile of held-out in-scope distances.</summary>
    public double Threshold { get; }

    /// <summary>Lower-triangular factor L of the shrunk covariance (Σ = L Lᵀ), row-major.</summary>
    internal float[] Cholesky { get; }

    /// <summary>L⁻¹ μ for each class, class after class.</summary>
    internal float[] WhitenedMeans { get; }

    internal int ClassCount => WhitenedMeans.Length / Dimensions;

    /// <summary>A copy with another threshold (fitted again on other held-out texts).</summary>
    public NoveltyDetector WithThreshold(double threshold) => new(Dimensions, Cholesky, WhitenedMeans, threshold);

    /// <summary>The Mahalanobis distance of <paramref name="embedding"/> to the nearest class mean.</summary>
    public double Distance(ReadOnlySpan<float> embedding)
    {
        if (embedding.Length != Dimensions)
        {
            throw new ArgumentException($"The embedding has {embedding.Length} dimensions; the detector {Dimensions}.", nameof(embedding));
        }

        var d = Dimensions;
        Span<float> whitened = d <= 1024 ? stackalloc float[d] : new float[d];
        ForwardSubstitute(Cholesky, d, embedding, whitened);
        var best = double.PositiveInfinity;
        for (var c = 0; c < ClassCount; c++)
        {
            best = Math.Min(best, SquaredDistance(whitened, WhitenedMeans.AsSpan(c * d, d)));
        }

        return Math.Sqrt(best);
    }

    /// <summary>
    /// Fits class means and the shared, shrunk covariance on training embeddings (threshold unset: call
    /// <see cref="WithThreshold"/> with <see cref="QuantileOf"/> of held-out distances).
    /// </summary>
    /// <param name="embeddings">One vector per training text.</param>
    /// <param name="labels">Class index of each text.</param>
    /// <param name="classCount">Number of classes.</param>
    /// <param name="shrinkage">Share of the covariance replaced by (trace / d) × I, in [0, 1].</param>
    public static NoveltyDetector Fit(IReadOnlyList<float[]> embeddings, IReadOnlyList<int> labels, int classCount, double shrinkage)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(labels);
        if (embeddings.Count == 0 || embeddings.Count != labels.Count)
        {
            throw new ArgumentException("One label per embedding, and at least one embedding.", nameof(labels));
        }

        var d = embeddings[0].Length;
        var means = new double[classCount * d];
        var counts = new int[classCount];
        for (var i = 0; i < embeddings.Count; i++)
        {
            var c = labels[i];
            counts[c]++;
            for (var j = 0; j < d; j++)
            {
                means[(c * d) + j] += embeddings[i][j];
            }
        }

        for (var c = 0; c < classCount; c++)
        {
            for (var j = 0; j < d; j++)
            {
                means[(c * d) + j] /= Math.Max(1, counts[c]);
            }
        }

        // Scatter of the residuals about their class mean (upper triangle, rows accumulated with SIMD).
        var scatter = new float[d * d];
        var residual = new float[d];
        for (var i = 0; i < embeddings.Count; i++)
        {
            var c = labels[i];
            for (var j = 0; j < d; j++)
            {
                residual[j] = (float)(embeddings[i][j] - means[(c * d) + j]);
            }

            for (var j = 0; j < d; j++)
            {
                AddScaled(scatter.AsSpan((j * d) + j, d - j), residual.AsSpan(j), residual[j]);
            }
        }

        var covariance = new double[d * d];
        double trace = 0;
        for (var j = 0; j < d; j++)
        {
            for (var k = j; k < d; k++)
            {
                var v = scatter[(j * d) + k] / (double)embeddings.Count;
                covariance[(j * d) + k] = v;
                covariance[(k * d) + j] = v;
            }

            trace += covariance[(j * d) + j];
        }

        var ridge = Math.Max(trace / d, 1e-12);
        for (var j = 0; j < d; j++)
        {
            for (var k = 0; k < d; k++)
            {
                covariance[(j * d) + k] *= 1 - shrinkage;
            }

            covariance[(j * d) + j] += shrinkage * ridge;
        }

        var factor = Factor(covariance, d);
        var whitenedMeans = new float[classCount * d];
        var mean = new float[d];
        for (var c = 0; c < classCount; c++)
        {
            for (var j = 0; j < d; j++)
            {
                mean[j] = (float)means[(c * d) + j];
            }

            ForwardSubstitute(factor, d, mean, whitenedMeans.AsSpan(c * d, d));
        }

        return new NoveltyDetector(d, factor, whitenedMeans, double.PositiveInfinity);
    }

    /// <summary>The <paramref name="quantile"/> of <paramref name="distances"/> (linear interpolation); +∞ when there are none.</summary>
    public static double QuantileOf(IReadOnlyList<double> distances, double quantile)
    {
        ArgumentNullException.ThrowIfNull(distances);
        if (distances.Count == 0)
        {
            return double.PositiveInfinity;
        }

        var sorted = distances.Order().ToArray();
        var position = Math.Clamp(quantile, 0, 1) * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((position - low) * (sorted[high] - sorted[low]));
    }

    /// <summary>Cholesky factor of a symmetric positive-definite matrix (row-major), as floats.</summary>
    private static float[] Factor(double[] a, int d)
    {
        var l = new double[d * d];
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = a[(i * d) + j];
                for (var k = 0; k < j; k++)
                {
                    sum -= l[(i * d) + k] * l[(j * d) + k];
                }

                l[(i * d) + j] = i == j
                    ? Math.Sqrt(Math.Max(sum, 1e-12))
                    : sum / l[(j * d) + j];
            }
        }

        return l.Select(v => (float)v).ToArray();
    }

    /// <summary>Solves L u = v for u.</summary>
    private static void ForwardSubstitute(float[] l, int d, ReadOnlySpan<float> v, Span<float> u)
    {
        for (var i = 0; i < d; i++)
        {
            var row = l.AsSpan(i * d, i);
            var sum = v[i] - TensorPrimitives.Dot(row, u[..i]);
            u[i] = sum / l[(i * d) + i];
        }
    }


    private static double SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var diff = a[i] - b[i];
            sum += diff * diff;
        }

        return sum;
    }

    private static void AddScaled(Span<float> target, ReadOnlySpan<float> source, float factor)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && target.Length >= Vector<float>.Count)
        {
            var f = new Vector<float>(factor);
            for (; i <= target.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                (new Vector<float>(target[i..]) + (new Vector<float>(source[i..]) * f)).CopyTo(target[i..]);
            }
        }

        for (; i < target.Length; i++)
        {
            target[i] += source[i] * factor;
        }
    }
}
