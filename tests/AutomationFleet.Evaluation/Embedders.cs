using AutomationFleet.Text;

namespace AutomationFleet.Evaluation;

/// <summary>
/// The text embedder the evaluation trains with: the fleet's default model, vectors cached in
/// <c>var/embeddings</c> under the repository so later runs do not embed the datasets again.
/// </summary>
internal static class Embedders
{
    public static SentenceTransformerEmbedder Create(TextEmbeddingModel model) =>
        new(new TextEmbeddingOptions { Model = model, CacheDirectory = Path.Combine(Repository.Root(), "var", "embeddings") });
}
