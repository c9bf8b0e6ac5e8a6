namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>
/// The TF-IDF vectors of the training texts, as an inverted index (per column: the texts that have it and their
/// values), for cosine similarity of a new text to its nearest training texts. Used for confidence only: a text that
/// closely resembles a training text of the predicted category, and none of another, is more likely right.
/// Columns found in more than 1/<see cref="CommonColumnDivisor"/> of the training texts (the commonest words and
/// character n-grams, with low IDF weight) are left out of the dot products: they add little to which texts are
/// nearest but most of the cost. The norms are those of the whole vectors.
/// </summary>
internal sealed class NeighbourIndex
{
    /// <summary>A column in more than DocumentCount / this many texts is not scanned.</summary>
    public const int CommonColumnDivisor = 20;

    private readonly int _maxPostings;

    internal NeighbourIndex(int[] labels, int[] postingStart, int[] postingDocument, float[] postingValue, float[] norms)
    {
        if (postingStart.Length == 0 || postingDocument.Length != postingValue.Length || norms.Length != labels.Length)
        {
            throw new ArgumentException("The index arrays do not fit together.", nameof(postingStart));
        }

        Labels = labels;
        PostingStart = postingStart;
        PostingDocument = postingDocument;
        PostingValue = postingValue;
        Norms = norms;
        _maxPostings = Math.Max(64, labels.Length / CommonColumnDivisor);
    }

    /// <summary>The label index of each training text.</summary>
    public int[] Labels { get; }

    /// <summary>Column c's postings are at [PostingStart[c], PostingStart[c + 1]).</summary>
    public int[] PostingStart { get; }

    public int[] PostingDocument { get; }

    public float[] PostingValue { get; }

    /// <summary>The L2 norm of each training text's vector.</summary>
    public float[] Norms { get; }

    public int DocumentCount => Labels.Length;

    public static NeighbourIndex Build(IReadOnlyList<SparseVector> documents, IReadOnlyList<int> labels, int featureCount)
    {
        var counts = new int[featureCount + 1];
        foreach (var d in documents)
        {
            foreach (var column in d.Indices)
            {
                counts[column + 1]++;
            }
        }

        for (var c = 0; c < featureCount; c++)
        {
            counts[c + 1] += counts[c];
        }

        var next = counts[..featureCount];
        var postingDocument = new int[counts[featureCount]];
        var postingValue = new float[counts[featureCount]];
        var norms = new float[documents.Count];
        for (var doc = 0; doc < documents.Count; doc++)
        {
            var d = documents[doc];
            double norm = 0;
            for (var k = 0; k < d.Count; k++)
            {
                var slot = next[d.Indices[k]]++;
                postingDocument[slot] = doc;
                postingValue[slot] = d.Values[k];
                norm += d.Values[k] * d.Values[k];
            }

            norms[doc] = (float)Math.Sqrt(norm);
        }

        return new NeighbourIndex([.. labels], counts, postingDocument, postingValue, norms);
    }

    /// <summary>
    /// The highest cosine similarity of <paramref name="x"/> to a training text labelled <paramref name="predicted"/>
    /// and to one labelled otherwise, and whether the single nearest text has label <paramref name="predicted"/>.
    /// Training texts with <paramref name="excludedFold"/> in <paramref name="folds"/> are skipped (out-of-fold use).
    /// </summary>
    /// <param name="accumulator">Scratch space of at least <see cref="DocumentCount"/> values.</param>
    public NeighbourSimilarity Similarity(SparseVector x, int predicted, Span<float> accumulator, int[]? folds = null, int excludedFold = -1)
    {
        var scores = accumulator[..DocumentCount];
        scores.Clear();
        double norm = 0;
        for (var k = 0; k < x.Count; k++)
        {
            var column = x.Indices[k];
            var value = x.Values[k];
            norm += value * value;
            var end = PostingStart[column + 1];
            if (end - PostingStart[column] > _maxPostings)
            {
                continue;
            }

            for (var p = PostingStart[column]; p < end; p++)
            {
                scores[PostingDocument[p]] += PostingValue[p] * value;
            }
        }

        if (norm == 0)
        {
            return default;
        }

        float same = 0, other = 0, nearest = -1;
        var nearestAgrees = false;
        for (var doc = 0; doc < scores.Length; doc++)
        {
            var s = scores[doc];
            if (s <= 0 || (folds is not null && folds[doc] == excludedFold))
            {
                continue;
            }

            s /= Norms[doc];
            if (Labels[doc] == predicted)
            {
                same = Math.Max(same, s);
            }
            else
            {
                other = Math.Max(other, s);
            }

            if (s > nearest)
            {
                nearest = s;
                nearestAgrees = Labels[doc] == predicted;
            }
        }

        var inverse = (float)(1 / Math.Sqrt(norm));
        return new NeighbourSimilarity(same * inverse, other * inverse, nearestAgrees);
    }
}

/// <summary>Cosine similarity to the nearest training text of the predicted category and of any other one.</summary>
internal readonly record struct NeighbourSimilarity(float Same, float Other, bool NearestAgrees);
