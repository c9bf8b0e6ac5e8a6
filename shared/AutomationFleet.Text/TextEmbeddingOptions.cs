using System.ComponentModel.DataAnnotations;

namespace AutomationFleet.Text;

/// <summary>How text is embedded and where vectors are cached. Bound from the <c>TextEmbeddings</c> section.</summary>
public sealed class TextEmbeddingOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "TextEmbeddings";

    /// <summary>The sentence encoder. Default <see cref="TextEmbeddingModel.MiniLM"/>.</summary>
    public TextEmbeddingModel Model { get; set; } = TextEmbeddingModel.MiniLM;

    /// <summary>
    /// Texts per call to the model. Default 32. Texts are sorted by their number of word pieces before batching,
    /// since a batch is padded to its longest text.
    /// </summary>
    [Range(1, 1024)]
    public int BatchSize { get; set; } = 32;

    /// <summary>
    /// Model runs at once per embedder, each batch on one thread (ONNX Runtime intra-op threads are 1): a call of
    /// <c>EmbedMany</c> with several batches spreads them over this many threads, and concurrent callers share the
    /// same slots. 0 (default) = <see cref="Environment.ProcessorCount"/>.
    /// </summary>
    [Range(0, 256)]
    public int Threads { get; set; }

    /// <summary>
    /// Only the first <c>MaxWords</c> whitespace-separated words of a text are encoded (default 200; MiniLM was
    /// trained on 256 word pieces, about 1.3 pieces a word). See <see cref="TextTruncation"/>.
    /// </summary>
    [Range(8, 400)]
    public int MaxWords { get; set; } = 200;

    /// <summary>
    /// Folder of the persisted vector cache (a file per model, <c>&lt;CacheDirectory&gt;/&lt;ModelName&gt;/vectors.bin</c>);
    /// a relative path is resolved against the current directory. Null or empty = cache in memory only.
    /// Default <c>var/embeddings</c>.
    /// </summary>
    public string? CacheDirectory { get; set; } = "var/embeddings";

    /// <summary>
    /// Most vectors held in memory (default 200,000, about 300 MB at 384 dimensions). When full, further vectors are
    /// returned but neither kept nor persisted.
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxCachedVectors { get; set; } = 200_000;
}
