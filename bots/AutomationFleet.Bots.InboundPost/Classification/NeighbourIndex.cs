using System.Numerics.Tensors;

namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>
/// The training texts' sentence embeddings, L2-normalised, with their class: a text's cosine distance to its k-th
/// nearest training text (Sun et al., ICML 2022, "Out-of-distribution detection with deep nearest neighbors") and to the
/// nearest training text of each class. Text of a category the model never saw but that resembles one it did lies
/// near that category's mean yet farther from its individual examples than the category's own texts do. Brute force:
/// one dot product per training text (BANKING77's 8,000 × 384: about 12 MB and a fraction of a millisecond).
/// </summary>
public sealed class NeighbourIndex
{
    internal NeighbourIndex(int dimensions, int neighbours, float[] vectors, int[] labels, int classCount)
    {
        if (dimensions <= 0 || vectors.Length != labels.Length * dimensions || neighbours < 1 || labels.Any(l => l < 0 || l >= classCount))
        {
            throw new ArgumentException("The index needs one d-dimension vector and one class in range per training text, and k ≥ 1.", nameof(vectors));
        }

        Dimensions = dimensions;
        Neighbours = neighbours;
        Vectors = vectors;
        Labels = labels;
        ClassCount = classCount;
    }

    public int Dimensions { get; }

    /// <summary>k: <see cref="Search"/> reports the distance to the k-th nearest training text.</summary>
    public int Neighbours { get; }

    /// <summary>Number of training texts in the index.</summary>
    public int Count => Labels.Length;

    public int ClassCount { get; }

    /// <summary>The normalised training embeddings, one after another.</summary>
    internal float[] Vectors { get; }

    /// <summary>The class of each training embedding.</summary>
    internal int[] Labels { get; }

    /// <summary>Builds the index from training embeddings (normalised here) and their classes.</summary>
    public static NeighbourIndex Fit(IReadOnlyList<float[]> embeddings, IReadOnlyList<int> labels, int classCount, int neighbours)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(labels);
        if (embeddings.Count == 0 || embeddings.Count != labels.Count)
        {
            throw new ArgumentException("One label per embedding, and at least one embedding.", nameof(labels));
        }

        var d = embeddings[0].Length;
        var vectors = new float[embeddings.Count * d];
        for (var i = 0; i < embeddings.Count; i++)
        {
            Normalise(embeddings[i], vectors.AsSpan(i * d, d));
        }

        return new NeighbourIndex(d, Math.Min(neighbours, embeddings.Count), vectors, [.. labels], classCount);
    }

    /// <summary>
    /// The cosine distance (1 − cosine similarity) of <paramref name="embedding"/> to its k-th nearest training text;
    /// <paramref name="nearestPerClass"/> receives the distance to the nearest training text of each class (2, the
    /// largest possible, for a class with none).
    /// </summary>
    public double Search(ReadOnlySpan<float> embedding, Span<float> nearestPerClass)
    {
        if (embedding.Length != Dimensions || nearestPerClass.Length != ClassCount)
        {
            throw new ArgumentException($"The embedding must have {Dimensions} dimensions and the output {ClassCount} classes.", nameof(embedding));
        }

        var d = Dimensions;
        Span<float> query = d <= 1024 ? stackalloc float[d] : new float[d];
        Normalise(embedding, query);
        nearestPerClass.Fill(-1);

        // The k largest similarities, smallest first, so the k-th nearest is best[0].
        var k = Neighbours;
        Span<float> best = k <= 256 ? stackalloc float[k] : new float[k];
        best.Fill(float.NegativeInfinity);
        for (var i = 0; i < Labels.Length; i++)
        {
            var similarity = TensorPrimitives.Dot(query, Vectors.AsSpan(i * d, d));
            ref var nearest = ref nearestPerClass[Labels[i]];
            nearest = Math.Max(nearest, similarity);
            if (similarity > best[0])
            {
                var r = 0;
                while (r + 1 < k && best[r + 1] < similarity)
                {
                    best[r] = best[r + 1];
                    r++;
                }

                best[r] = similarity;
            }
        }

        for (var c = 0; c < nearestPerClass.Length; c++)
        {
            nearestPerClass[c] = 1 - nearestPerClass[c];
        }

        return float.IsFinite(best[0]) ? 1 - best[0] : 2;
    }

    private static void Normalise(ReadOnlySpan<float> source, Span<float> target)
    {
        var norm = MathF.Sqrt(TensorPrimitives.Dot(source, source));
        var scale = norm > 1e-12f ? 1 / norm : 0;
        for (var j = 0; j < source.Length; j++)
        {
            target[j] = source[j] * scale;
        }
    }

}
