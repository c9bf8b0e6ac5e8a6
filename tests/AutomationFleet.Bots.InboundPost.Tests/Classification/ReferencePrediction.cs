using System.Buffers;
using System.Globalization;
using System.Numerics;
using AutomationFleet.Bots.InboundPost.Classification;

namespace AutomationFleet.Bots.InboundPost.Tests.Classification;

/// <summary>
/// The featurizer and score code as they were before prediction was made faster (commit fd057b6), kept verbatim
/// (modulo taking the fitted state as arguments) as the reference that the fast path must reproduce exactly.
/// </summary>
internal static class ReferencePrediction
{
    private const uint FnvOffset = 2166136261;
    private const uint FnvPrime = 16777619;
    private const uint WordSeed = 0x9E3779B9;
    private const uint CharSeed = 0x85EBCA6B;

    /// <summary>Every n-gram's hash bucket, in the old order.</summary>
    public static List<int> Buckets(string text, FeaturizerOptions options)
    {
        var sink = new List<int>();
        CollectBuckets(text, options, sink);
        return sink;
    }

    public static (SparseVector Vector, int Total, int Unseen, int WordNgrams) Transform(TextFeaturizer featurizer, string text)
    {
        var columnOfBucket = new Dictionary<int, int>();
        for (var i = 0; i < featurizer.Buckets.Length; i++)
        {
            columnOfBucket.Add(featurizer.Buckets[i], i);
        }

        var options = featurizer.Options;
        var raw = new List<int>(256);
        CollectBuckets(text, options, raw);
        raw.Sort();
        var indices = new List<int>(raw.Count);
        var values = new List<float>(raw.Count);
        var wordBlockLimit = 1 << options.HashBits;
        double wordNorm = 0;
        double charNorm = 0;
        var unseen = 0;
        var wordNgrams = 0;
        var i2 = 0;
        while (i2 < raw.Count)
        {
            var bucket = raw[i2];
            var run = 1;
            while (i2 + run < raw.Count && raw[i2 + run] == bucket)
            {
                run++;
            }

            i2 += run;
            wordNgrams += bucket < wordBlockLimit ? run : 0;
            if (!columnOfBucket.TryGetValue(bucket, out var column))
            {
                unseen += run;
                continue;
            }

            var value = (float)((1.0 + Math.Log(run)) * featurizer.Idf[column]);
            indices.Add(column);
            values.Add(value);
            if (bucket < wordBlockLimit)
            {
                wordNorm += value * value;
            }
            else
            {
                charNorm += value * value;
            }
        }

        var wordScale = wordNorm > 0 ? (float)(options.WordBlockWeight / Math.Sqrt(wordNorm)) : 0f;
        var charScale = charNorm > 0 ? (float)(options.CharBlockWeight / Math.Sqrt(charNorm)) : 0f;
        var indexArray = indices.ToArray();
        var valueArray = values.ToArray();
        for (var k = 0; k < indexArray.Length; k++)
        {
            valueArray[k] *= featurizer.Buckets[indexArray[k]] < wordBlockLimit ? wordScale : charScale;
        }

        return (new SparseVector(indexArray, valueArray), raw.Count, unseen, wordNgrams);
    }

    /// <summary>Bias plus each column's weight row times its value, added row by row (the old <c>SoftmaxModel.Scores</c>).</summary>
    public static float[] Scores(SoftmaxModel model, SparseVector x)
    {
        var scores = (float[])model.Bias.Clone();
        for (var i = 0; i < x.Count; i++)
        {
            AddScaled(scores, model.Weights.AsSpan(x.Indices[i] * model.ClassCount, model.ClassCount), x.Values[i]);
        }

        return scores;
    }

    /// <summary>The old <c>SoftmaxModel.PartialScores</c>.</summary>
    public static float[] PartialScores(SoftmaxModel model, SparseVector x, int endColumn)
    {
        var scores = new float[model.ClassCount];
        for (var i = 0; i < x.Count && x.Indices[i] < endColumn; i++)
        {
            AddScaled(scores, model.Weights.AsSpan(x.Indices[i] * model.ClassCount, model.ClassCount), x.Values[i]);
        }

        return scores;
    }

    private static void CollectBuckets(string text, FeaturizerOptions options, List<int> sink)
    {
        var mask = (1u << options.HashBits) - 1;
        var charOffset = 1 << options.HashBits;
        var buffer = ArrayPool<char>.Shared.Rent(text.Length + 2);
        try
        {
            var length = 0;
            foreach (var ch in text)
            {
                if (char.IsLetterOrDigit(ch))
                {
                    buffer[length++] = char.ToLower(ch, CultureInfo.InvariantCulture);
                }
                else if (ch is '\'' or '\u2019')
                {
                    continue;
                }
                else if (length > 0 && buffer[length - 1] != ' ')
                {
                    buffer[length++] = ' ';
                }
            }

            var normalised = buffer.AsSpan(0, length).TrimEnd(' ');

            Span<(int Start, int Length)> recent = stackalloc (int, int)[8];
            var maxWordNgram = Math.Min(options.MaxWordNgram, recent.Length);
            var wordCount = 0;
            var start = 0;
            Span<char> padded = stackalloc char[66];
            while (start < normalised.Length)
            {
                var end = normalised[start..].IndexOf(' ');
                var wordLength = end < 0 ? normalised.Length - start : end;
                var word = normalised.Slice(start, wordLength);

                for (var k = recent.Length - 1; k > 0; k--)
                {
                    recent[k] = recent[k - 1];
                }

                recent[0] = (start, wordLength);
                wordCount++;
                for (var n = 1; n <= maxWordNgram && n <= wordCount; n++)
                {
                    var hash = WordSeed ^ FnvOffset;
                    for (var k = n - 1; k >= 0; k--)
                    {
                        hash = Hash(hash, normalised.Slice(recent[k].Start, recent[k].Length));
                        hash = (hash ^ ' ') * FnvPrime;
                    }

                    sink.Add((int)(Mix(hash) & mask));
                }

                if (options.MaxCharNgram > 0)
                {
                    AddCharNgrams(word, options, padded, mask, charOffset, sink);
                }

                start += wordLength + 1;
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static void AddCharNgrams(ReadOnlySpan<char> word, FeaturizerOptions options, Span<char> padded, uint mask, int offset, List<int> sink)
    {
        var take = Math.Min(word.Length, padded.Length - 2);
        padded[0] = ' ';
        word[..take].CopyTo(padded[1..]);
        padded[take + 1] = ' ';
        var p = padded[..(take + 2)];
        if (p.Length < options.MinCharNgram)
        {
            sink.Add(offset + (int)(Mix(Hash(CharSeed ^ FnvOffset, p)) & mask));
            return;
        }

        for (var n = options.MinCharNgram; n <= options.MaxCharNgram && n <= p.Length; n++)
        {
            for (var s = 0; s + n <= p.Length; s++)
            {
                sink.Add(offset + (int)(Mix(Hash(CharSeed ^ FnvOffset, p.Slice(s, n))) & mask));
            }
        }
    }

    private static uint Hash(uint hash, ReadOnlySpan<char> chars)
    {
        foreach (var ch in chars)
        {
            hash = (hash ^ ch) * FnvPrime;
        }

        return hash;
    }

    private static uint Mix(uint h)
    {
        h ^= h >> 16;
        h *= 0x7FEB352D;
        h ^= h >> 15;
        h *= 0x846CA68B;
        h ^= h >> 16;
        return h;
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
