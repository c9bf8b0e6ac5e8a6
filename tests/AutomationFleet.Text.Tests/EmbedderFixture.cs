namespace AutomationFleet.Text.Tests;

/// <summary>Two memory-only MiniLM embedders, loaded once for the class: batches of 4, and the defaults.</summary>
public sealed class EmbedderFixture : IDisposable
{
    public SentenceTransformerEmbedder Batched { get; } = new(new TextEmbeddingOptions { CacheDirectory = null, BatchSize = 4, Threads = 2 });

    public SentenceTransformerEmbedder Default { get; } = new(new TextEmbeddingOptions { CacheDirectory = null, Threads = 2 });

    public void Dispose()
    {
        Batched.Dispose();
        Default.Dispose();
    }
}
