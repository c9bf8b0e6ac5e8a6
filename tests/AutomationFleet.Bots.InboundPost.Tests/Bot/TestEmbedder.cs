using AutomationFleet.Text;

namespace AutomationFleet.Bots.InboundPost.Tests.Bot;

/// <summary>One real sentence encoder (all-MiniLM-L6-v2) for the whole test run: the model loads once per process.</summary>
internal static class TestEmbedder
{
    public static ITextEmbedder Shared { get; } = new SentenceTransformerEmbedder(new TextEmbeddingOptions { CacheDirectory = null });
}
