using System.Buffers;
using System.Globalization;

namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>
/// TF-IDF over hashed word n-grams and character n-grams within word boundaries, with sublinear term frequency
/// (1 + ln tf) and each block L2-normalised. Hashes are FNV-1a over the characters, so they are stable across
/// processes; only hash buckets seen in training become columns.
/// </summary>
public sealed class TextFeaturizer
{
    private const uint FnvOffset = 2166136261;
    private const uint FnvPrime = 16777619;
    private const uint WordSeed = 0x9E3779B9;
    private const uint CharSeed = 0x85EBCA6B;

    /// <summary>1 + ln(tf) for small term frequencies, computed once (the same Math.Log values as computing them each time).</summary>
    private static readonly double[] SublinearTf = BuildSublinearTf(256);

    [ThreadStatic]
    private static TransformScratch? t_scratch;

    private readonly BucketColumnMap _columnOfBucket;

    /// <summary>Creates a featurizer from fitted state (used when a model is loaded).</summary>
    public TextFeaturizer(FeaturizerOptions options, int[] buckets, float[] idf)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(buckets);
        ArgumentNullException.ThrowIfNull(idf);
        if (buckets.Length != idf.Length)
        {
            throw new ArgumentException("Every bucket needs an IDF weight.", nameof(idf));
        }

        Options = options;
        Buckets = buckets;
        Idf = idf;
        _columnOfBucket = new BucketColumnMap(buckets);

        // Columns ascend by bucket and word buckets lie below 2^HashBits, so the word columns come first.
        var first = Array.BinarySearch(buckets, 1 << options.HashBits);
        FirstCharColumn = first >= 0 ? first : ~first;
    }

    public FeaturizerOptions Options { get; }

    /// <summary>The hash bucket of each column.</summary>
    public int[] Buckets { get; }

    /// <summary>The inverse document frequency of each column.</summary>
    public float[] Idf { get; }

    public int FeatureCount => Buckets.Length;

    /// <summary>The first character-n-gram column: columns below it are word n-grams.</summary>
    internal int FirstCharColumn { get; }

    /// <summary>Fits the columns and IDF weights (smooth IDF: ln((1+n)/(1+df)) + 1) on training texts.</summary>
    public static TextFeaturizer Fit(IReadOnlyList<string> texts, FeaturizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(options);
        var documentFrequency = new Dictionary<int, int>();
        var scratch = new BucketBuffer();
        foreach (var text in texts)
        {
            scratch.Count = 0;
            CollectBuckets(text, options, scratch);
            var collected = scratch.Items.AsSpan(0, scratch.Count);
            collected.Sort();
            for (var i = 0; i < collected.Length; i++)
            {
                if (i > 0 && collected[i] == collected[i - 1])
                {
                    continue;
                }

                documentFrequency[collected[i]] = documentFrequency.GetValueOrDefault(collected[i]) + 1;
            }
        }

        var kept = documentFrequency.Where(p => p.Value >= options.MinDocumentFrequency).OrderBy(p => p.Key).ToArray();
        var buckets = new int[kept.Length];
        var idf = new float[kept.Length];
        for (var i = 0; i < kept.Length; i++)
        {
            buckets[i] = kept[i].Key;
            idf[i] = (float)(Math.Log((1.0 + texts.Count) / (1.0 + kept[i].Value)) + 1.0);
        }

        return new TextFeaturizer(options, buckets, idf);
    }

    /// <summary>The column of hash bucket <paramref name="bucket"/>, if it was seen in training.</summary>
    internal bool TryGetColumn(int bucket, out int column)
    {
        column = _columnOfBucket.Find(bucket);
        return column >= 0;
    }

    /// <summary>Turns one text into its normalised TF-IDF vector.</summary>
    public SparseVector Transform(string text) => Transform(text, out _);

    /// <summary>Turns one text into its normalised TF-IDF vector and counts its n-grams (all, unseen, word).</summary>
    internal SparseVector Transform(string text, out NgramStats stats)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scratch = t_scratch ??= new TransformScratch();
        scratch.Prepare(FeatureCount);
        var raw = scratch.Raw;
        raw.Count = 0;
        CollectBuckets(text, Options, raw);

        // Count each column's occurrences (a dense per-thread count array, reset after use) instead of sorting all
        // n-grams: the vector is the same, built from the distinct columns in ascending order.
        var wordBlockLimit = 1 << Options.HashBits;
        var counts = scratch.Counts;
        var touched = scratch.Touched;
        var touchedCount = 0;
        var unseen = 0;
        var wordNgrams = 0;
        var buckets = raw.Items.AsSpan(0, raw.Count);
        foreach (var bucket in buckets)
        {
            wordNgrams += bucket < wordBlockLimit ? 1 : 0;
            var column = _columnOfBucket.Find(bucket);
            if (column < 0)
            {
                unseen++;
                continue;
            }

            if (counts[column]++ == 0)
            {
                touched[touchedCount++] = column;
            }
        }

        var columns = touched.AsSpan(0, touchedCount);
        columns.Sort();
        var indexArray = columns.ToArray();
        var valueArray = new float[touchedCount];
        double wordNorm = 0;
        double charNorm = 0;
        var firstChar = FirstCharColumn;
        var idf = Idf;
        for (var k = 0; k < indexArray.Length; k++)
        {
            var column = indexArray[k];
            var run = counts[column];
            counts[column] = 0;
            var tf = run < SublinearTf.Length ? SublinearTf[run] : 1.0 + Math.Log(run);
            var value = (float)(tf * idf[column]);
            valueArray[k] = value;
            if (column < firstChar)
            {
                wordNorm += value * value;
            }
            else
            {
                charNorm += value * value;
            }
        }

        // Columns are ordered by bucket, and word buckets sort before character buckets, so the columns ascend.
        var wordScale = wordNorm > 0 ? (float)(Options.WordBlockWeight / Math.Sqrt(wordNorm)) : 0f;
        var charScale = charNorm > 0 ? (float)(Options.CharBlockWeight / Math.Sqrt(charNorm)) : 0f;
        for (var k = 0; k < indexArray.Length; k++)
        {
            valueArray[k] *= indexArray[k] < firstChar ? wordScale : charScale;
        }

        stats = new NgramStats(raw.Count, unseen, wordNgrams);
        return new SparseVector(indexArray, valueArray);
    }

    internal static void CollectBuckets(string text, FeaturizerOptions options, BucketBuffer sink)
    {
        var mask = (1u << options.HashBits) - 1;
        var charOffset = 1 << options.HashBits;
        sink.EnsureRoom(MaxBuckets(text.Length, options));
        var dest = sink.Items.AsSpan(sink.Count);
        var count = 0;
        var buffer = ArrayPool<char>.Shared.Rent(text.Length + 2);
        try
        {
            // Normalise: lower case, apostrophes dropped (so "hasn't" is one word), everything else not a letter or
            // digit separates words.
            var length = 0;
            foreach (var ch in text)
            {
                if (char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch))
                {
                    buffer[length++] = ch;
                }
                else if (char.IsAsciiLetterUpper(ch))
                {
                    buffer[length++] = (char)(ch + ('a' - 'A'));
                }
                else if (char.IsLetterOrDigit(ch))
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

                    dest[count++] = (int)(Mix(hash) & mask);
                }

                if (options.MaxCharNgram > 0)
                {
                    count = AddCharNgrams(word, options, padded, mask, charOffset, dest, count);
                }

                start += wordLength + 1;
            }

            sink.Count += count;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static int AddCharNgrams(ReadOnlySpan<char> word, FeaturizerOptions options, Span<char> padded, uint mask, int offset, Span<int> dest, int count)
    {
        // Very long "words" (URLs, runs of digits) are cut: their n-grams past 64 characters add nothing useful.
        var take = Math.Min(word.Length, padded.Length - 2);
        padded[0] = ' ';
        word[..take].CopyTo(padded[1..]);
        padded[take + 1] = ' ';
        var p = padded[..(take + 2)];
        if (p.Length < options.MinCharNgram)
        {
            dest[count++] = offset + (int)(Mix(Hash(CharSeed ^ FnvOffset, p)) & mask);
            return count;
        }

        // FNV-1a is a running hash, so the n-grams starting at one position extend each other's hashes: the same
        // buckets as hashing every n-gram from scratch, in another order (the order does not matter).
        var min = options.MinCharNgram;
        var max = options.MaxCharNgram;
        for (var s = 0; s + min <= p.Length; s++)
        {
            var hash = CharSeed ^ FnvOffset;
            var end = Math.Min(p.Length, s + max);
            for (var e = s; e < end; e++)
            {
                hash = (hash ^ p[e]) * FnvPrime;
                if (e - s + 1 >= min)
                {
                    dest[count++] = offset + (int)(Mix(hash) & mask);
                }
            }
        }

        return count;
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

    private static double[] BuildSublinearTf(int length)
    {
        var table = new double[length];
        for (var run = 1; run < length; run++)
        {
            table[run] = 1.0 + Math.Log(run);
        }

        return table;
    }

    /// <summary>
    /// An upper bound of the n-grams of a text of <paramref name="length"/> characters, so the buffer is sized once.
    /// At most (length + 1) / 2 words; each gives at most min(MaxWordNgram, 8) word n-grams and, padded to at most
    /// its length + 2, at most one character n-gram per size and position (or one for the whole word when short).
    /// </summary>
    private static int MaxBuckets(int length, FeaturizerOptions options)
    {
        long words = (length / 2) + 1;
        long bound = words * (Math.Clamp(options.MaxWordNgram, 0, 8) + 1);
        if (options.MaxCharNgram > 0)
        {
            bound += (long)Math.Max(0, options.MaxCharNgram - options.MinCharNgram + 1) * (length + (2 * words));
        }

        return (int)Math.Min(Array.MaxLength, bound + 16);
    }

    /// <summary>Collected hash buckets (a growable int buffer).</summary>
    internal sealed class BucketBuffer
    {
        public int[] Items { get; private set; } = new int[1024];

        public int Count { get; set; }

        public void EnsureRoom(int extra)
        {
            if (Count + extra > Items.Length)
            {
                var larger = new int[Math.Max(Items.Length * 2, Count + extra)];
                Items.AsSpan(0, Count).CopyTo(larger);
                Items = larger;
            }
        }
    }

    /// <summary>Per-thread buffers of <see cref="Transform(string, out NgramStats)"/>; counts are all zero between calls.</summary>
    private sealed class TransformScratch
    {
        public BucketBuffer Raw { get; } = new();

        public int[] Counts { get; private set; } = [];

        public int[] Touched { get; private set; } = [];

        public void Prepare(int featureCount)
        {
            if (Counts.Length < featureCount)
            {
                Counts = new int[featureCount];
                Touched = new int[featureCount];
            }
        }
    }
}
