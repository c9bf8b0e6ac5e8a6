namespace AutomationFleet.Text.Tests;

public sealed class ArcticXsTests
{
    [Fact]
    public void Embed_RealArcticXs_UnitLengthAndParaphraseNearer()
    {
        using var embedder = new SentenceTransformerEmbedder(
            new TextEmbeddingOptions { Model = TextEmbeddingModel.ArcticXs, CacheDirectory = null, Threads = 2 });

        var vectors = embedder.EmbedMany(["How do I reset my card PIN?", "I forgot my card's PIN, how can I change it?", "There is a pothole on Mill Lane"]);

        Assert.Equal("snowflake-arctic-embed-xs", embedder.ModelName);
        Assert.All(vectors, v => Assert.Equal(384, v.Length));
        Assert.All(vectors, v => Assert.Equal(1.0, Vectors.Norm(v), 4));
        Assert.True(Vectors.Dot(vectors[0], vectors[1]) > Vectors.Dot(vectors[0], vectors[2]));
    }
}
