using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace AutomationFleet.Text;

/// <summary>
/// <see cref="ITextEmbedder"/> over the ONNX sentence encoders of the SentenceTransformers packages
/// (<c>all-MiniLM-L6-v2</c>, <c>snowflake-arctic-embed-xs</c>), run in-process by ONNX Runtime with the packages' own
/// tokenizer and pooling (see <c>OnnxSentenceEncoder</c>); up to <see cref="TextEmbeddingOptions.Threads"/> batches
/// run at once, one thread each.
/// Thread-safe. The model loads on the first text the cache does not hold (about 1 s, some 150 MB); the persisted
/// cache loads on first use. Vectors are cached by SHA-256 of (model name + "\n" + truncated text): in memory, and
/// with <see cref="TextEmbeddingOptions.CacheDirectory"/> set, in <c>&lt;CacheDirectory&gt;/&lt;ModelName&gt;/vectors.bin</c>.
/// Logs the model, load time and cache size, never texts. Do not call it while disposing it.
/// </summary>
public sealed class SentenceTransformerEmbedder : ITextEmbedder, IDisposable
{
    private const int ModelDimensions = 384;

    // Texts of a few hundred word pieces cost ~20 % more CPU each in batches of 16–30 than in batches of 2–4 (the
    // attention scores, batch × 12 heads × length², outgrow the caches), and one big batch runs on one thread only.
    // Short queries (~16 pieces) fill BatchSize long before this.
    private const int MaxPaddedTokensPerBatch = 1024;

    private readonly TextEmbeddingOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<EmbeddingKey, float[]> _memory = new();
    private readonly Lock _loadGate = new();
    private readonly int _threads;
    private readonly SemaphoreSlim _runSlots;
    private int _cachedCount;
    private volatile bool _cacheLoaded;
    private VectorCacheFile? _file;
    private volatile OnnxSentenceEncoder? _encoder;
    private SessionOptions? _sessionOptions;
    private volatile bool _disposed;

    /// <summary>An embedder with the given settings and no logging.</summary>
    public SentenceTransformerEmbedder(TextEmbeddingOptions options)
        : this(options, null)
    {
    }

    /// <summary>An embedder with the given settings (checked here; bad ones throw <see cref="OptionsValidationException"/>).</summary>
    public SentenceTransformerEmbedder(TextEmbeddingOptions options, ILogger<SentenceTransformerEmbedder>? logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new TextEmbeddingOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(TextEmbeddingOptions), validation.Failures);
        }

        _options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        ModelName = ModelNameOf(options.Model);
        _threads = options.Threads == 0 ? Environment.ProcessorCount : options.Threads;
        _runSlots = new SemaphoreSlim(_threads, _threads);
    }

    /// <inheritdoc />
    public string ModelName { get; }

    /// <inheritdoc />
    public int Dimensions => ModelDimensions;

    /// <summary>The number of vectors held in memory.</summary>
    public int CachedVectorCount => Volatile.Read(ref _cachedCount);

    /// <summary>Whether the ONNX model has been loaded (it is not while every text came from the cache).</summary>
    internal bool IsModelLoaded => _encoder is not null;

    /// <summary>The model name stored with vectors of <paramref name="model"/>.</summary>
    public static string ModelNameOf(TextEmbeddingModel model) => model switch
    {
        TextEmbeddingModel.MiniLM => "all-MiniLM-L6-v2",
        TextEmbeddingModel.ArcticXs => "snowflake-arctic-embed-xs",
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "Unknown text embedding model."),
    };

    /// <inheritdoc />
    public float[] Embed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return EmbedMany([text])[0];
    }

    /// <inheritdoc />
    public IReadOnlyList<float[]> EmbedMany(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var results = new float[texts.Count][];
        if (texts.Count == 0)
        {
            return results;
        }

        EnsureCacheLoaded();
        var misses = new Dictionary<EmbeddingKey, Miss>();
        for (var i = 0; i < texts.Count; i++)
        {
            var text = texts[i] ?? throw new ArgumentException($"Text {i} is null.", nameof(texts));
            var truncated = TextTruncation.Truncate(text, _options.MaxWords);
            var key = EmbeddingKey.Of(ModelName, truncated);
            if (_memory.TryGetValue(key, out var cached))
            {
                results[i] = (float[])cached.Clone();
            }
            else if (misses.TryGetValue(key, out var miss))
            {
                miss.Indices.Add(i);
            }
            else
            {
                misses.Add(key, new Miss(key, truncated, [i]));
            }
        }

        if (misses.Count > 0)
        {
            EmbedMisses(misses.Values, results, cancellationToken);
        }

        return results;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Looks in the memory cache only (loading the persisted cache on first use, as <see cref="EmbedMany"/> does); never
    /// loads the model. A text embedded while the cache was full (<see cref="TextEmbeddingOptions.MaxCachedVectors"/>)
    /// is not held, so it is not found.
    /// </remarks>
    public bool TryGetCached(string text, [NotNullWhen(true)] out float[]? vector)
    {
        ArgumentNullException.ThrowIfNull(text);
        ObjectDisposedException.ThrowIf(_disposed, this);
        EnsureCacheLoaded();
        if (_memory.TryGetValue(EmbeddingKey.Of(ModelName, TextTruncation.Truncate(text, _options.MaxWords)), out var cached))
        {
            vector = (float[])cached.Clone();
            return true;
        }

        vector = null;
        return false;
    }

    /// <summary>Releases the model and closes the cache file.</summary>
    public void Dispose()
    {
        lock (_loadGate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _encoder?.Dispose();
            _encoder = null;
            _sessionOptions?.Dispose();
            _sessionOptions = null;
            _file?.Dispose();
            _file = null;
            _runSlots.Dispose();
        }
    }

    private void EmbedMisses(IEnumerable<Miss> misses, float[][] results, CancellationToken cancellationToken)
    {
        var encoder = EnsureEncoder();

        // A batch is padded to its longest text, so texts of like token counts go together (sorting by characters
        // left about a quarter of the tokens as padding); results go back by index.
        var pending = misses.Select(m => (Miss: m, Tokens: encoder.Tokenize(m.Text))).OrderBy(p => p.Tokens.Count).ToArray();
        var batches = Batches(pending);
        var workers = Math.Min(_threads, batches.Count);
        if (workers == 1)
        {
            foreach (var batch in batches)
            {
                EmbedBatch(encoder, pending.AsMemory(batch), results, cancellationToken);
            }

            return;
        }

        // Each batch runs on one thread (the session has one intra-op thread) and up to Threads batches run at once:
        // no hand-off between threads inside an operator, which cost about a tenth of the CPU time under load.
        var next = -1;
        try
        {
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, (_, loop) =>
            {
                // A batch that throws stops the others at their next batch.
                for (var batch = Interlocked.Increment(ref next); batch < batches.Count && !loop.ShouldExitCurrentIteration; batch = Interlocked.Increment(ref next))
                {
                    EmbedBatch(encoder, pending.AsMemory(batches[batch]), results, cancellationToken);
                }
            });
        }
        catch (AggregateException failed)
        {
            ExceptionDispatchInfo.Capture(failed.InnerExceptions[0]).Throw();
        }
    }

    // Up to BatchSize texts, and no more than MaxPaddedTokensPerBatch word pieces once padded (but at least one text).
    private List<Range> Batches((Miss Miss, TokenizedText Tokens)[] sorted)
    {
        var batches = new List<Range>();
        var start = 0;
        for (var end = 1; end <= sorted.Length; end++)
        {
            var full = end - start == _options.BatchSize;
            var last = end == sorted.Length;
            if (full || last || (end - start + 1) * sorted[end].Tokens.Count > MaxPaddedTokensPerBatch)
            {
                batches.Add(start..end);
                start = end;
            }
        }

        return batches;
    }

    private void EmbedBatch(OnnxSentenceEncoder encoder, ReadOnlyMemory<(Miss Miss, TokenizedText Tokens)> pending, float[][] results, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var batch = pending.Span;
        var tokens = new TokenizedText[batch.Length];
        for (var b = 0; b < batch.Length; b++)
        {
            tokens[b] = batch[b].Tokens;
        }

        float[][] vectors;
        _runSlots.Wait(cancellationToken);
        try
        {
            vectors = encoder.Encode(tokens, cancellationToken);
        }
        finally
        {
            _runSlots.Release();
        }

        var added = new List<(EmbeddingKey Key, float[] Vector)>(batch.Length);
        for (var b = 0; b < batch.Length; b++)
        {
            var vector = vectors[b];
            var miss = batch[b].Miss;
            if (vector.Length != Dimensions)
            {
                throw new InvalidOperationException($"{ModelName} returned {vector.Length} dimensions, not {Dimensions}.");
            }

            // Each miss is in one batch only, so no two threads write the same slot.
            foreach (var index in miss.Indices)
            {
                results[index] = (float[])vector.Clone();
            }

            if (TryRemember(miss.Key, vector))
            {
                added.Add((miss.Key, vector));
            }
        }

        _file?.Append(added);
    }

    private bool TryRemember(EmbeddingKey key, float[] vector)
    {
        if (Volatile.Read(ref _cachedCount) >= _options.MaxCachedVectors || !_memory.TryAdd(key, vector))
        {
            return false;
        }

        Interlocked.Increment(ref _cachedCount);
        return true;
    }

    private void EnsureCacheLoaded()
    {
        if (_cacheLoaded)
        {
            return;
        }

        lock (_loadGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_cacheLoaded)
            {
                return;
            }

            if (!string.IsNullOrWhiteSpace(_options.CacheDirectory))
            {
                var started = Stopwatch.GetTimestamp();
                var path = Path.Combine(Path.GetFullPath(_options.CacheDirectory), ModelName, "vectors.bin");
                var (file, records) = VectorCacheFile.Open(path, Dimensions, (key, vector) => TryRemember(key, vector), _logger);
                _file = file;
                _logger.LogInformation(
                    "Loaded {Records} cached {Model} vectors from {Path} in {ElapsedMs} ms ({Kept} kept in memory)",
                    records, ModelName, path, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, CachedVectorCount);
            }

            _cacheLoaded = true;
        }
    }

    private OnnxSentenceEncoder EnsureEncoder()
    {
        if (_encoder is { } loaded)
        {
            return loaded;
        }

        lock (_loadGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_encoder is { } raced)
            {
                return raced;
            }

            var started = Stopwatch.GetTimestamp();
            // One intra-op thread: a batch runs on the thread that asked for it, and EmbedMany spreads batches over
            // Threads threads. With two intra-op threads every operator was split between threads that sleep and
            // wake (spinning, ORT's default, halved throughput on a busy host), and a batch cost ~10 % more CPU.
            var sessionOptions = new SessionOptions
            {
                IntraOpNumThreads = 1,
                InterOpNumThreads = 1,
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
                ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            };
            OnnxSentenceEncoder encoder;
            try
            {
                encoder = new OnnxSentenceEncoder(_options.Model, sessionOptions);
                _sessionOptions = sessionOptions;
                _encoder = encoder;
            }
            catch
            {
                sessionOptions.Dispose();
                throw;
            }

            _logger.LogInformation(
                "Loaded text embedding model {Model} in {ElapsedMs} ms; up to {Threads} batches at once, one thread each",
                ModelName, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, _threads);
            return encoder;
        }
    }

    private sealed record Miss(EmbeddingKey Key, string Text, List<int> Indices);
}
