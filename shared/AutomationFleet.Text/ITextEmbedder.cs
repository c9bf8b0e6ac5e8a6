using System.Diagnostics.CodeAnalysis;

namespace AutomationFleet.Text;

/// <summary>
/// A sentence encoder: text → unit-length vector. Thread-safe; the model is loaded once per process
/// (lazily, on first use). A text is truncated before it is encoded (see <see cref="TextTruncation"/>),
/// so two texts that agree on their first <see cref="TextEmbeddingOptions.MaxWords"/> words get the same vector.
/// </summary>
public interface ITextEmbedder
{
    /// <summary>
    /// The model's name, e.g. <c>all-MiniLM-L6-v2</c> or <c>snowflake-arctic-embed-xs</c>. Store it in model
    /// files, so a model trained on one embedder's vectors refuses another's.
    /// </summary>
    string ModelName { get; }

    /// <summary>The length of every vector (384 for both models).</summary>
    int Dimensions { get; }

    /// <summary>
    /// The vector of one text (from the cache when the text was embedded before). Empty or whitespace-only text
    /// gets the model's vector of the empty string; it never throws for any text. The array is the caller's.
    /// </summary>
    float[] Embed(string text);

    /// <summary>
    /// The vectors of many texts, in input order: cached ones are looked up, the rest are embedded in batches
    /// and cached. The token is checked between batches. Each array is the caller's.
    /// </summary>
    IReadOnlyList<float[]> EmbedMany(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);

    /// <summary>
    /// The vector of <paramref name="text"/> when the embedder already holds it (embedded before in this process, or
    /// read from its persisted cache), without encoding: false when it does not, and then nothing is encoded or cached.
    /// For callers that keep a vector only when it costs nothing. Truncated like <see cref="Embed"/>, so the vector is
    /// the one <see cref="Embed"/> would return. The array is the caller's.
    /// </summary>
    bool TryGetCached(string text, [NotNullWhen(true)] out float[]? vector);
}
