namespace AutomationFleet.Text.Tests;

public sealed class PersistedCacheTests
{
    private static readonly string[] Texts =
    [
        "When will my new card arrive?",
        "The lift in Fenton House is broken again",
        "Please send me a form for a Blue Badge",
    ];

    [Fact]
    public void EmbedMany_NewInstanceOnSameCache_IdenticalVectorsWithoutLoadingModel()
    {
        using var directory = new TempDirectory();
        IReadOnlyList<float[]> first;
        using (var writer = Create(directory.Path))
        {
            first = writer.EmbedMany(Texts);
        }

        using var reader = Create(directory.Path);
        var again = reader.EmbedMany(Texts);

        Assert.False(reader.IsModelLoaded);
        Assert.Equal(Texts.Length, reader.CachedVectorCount);
        for (var i = 0; i < Texts.Length; i++)
        {
            Assert.Equal(first[i], again[i]);
        }

        Assert.True(File.Exists(Path.Combine(directory.Path, "all-MiniLM-L6-v2", "vectors.bin")));
    }

    [Fact]
    public void TryGetCached_NewInstanceOnSameCache_FoundWithoutLoadingModel()
    {
        using var directory = new TempDirectory();
        float[] first;
        using (var writer = Create(directory.Path))
        {
            first = writer.Embed(Texts[0]);
        }

        using var reader = Create(directory.Path);

        Assert.True(reader.TryGetCached(Texts[0], out var cached));
        Assert.Equal(first, cached);
        Assert.False(reader.TryGetCached(Texts[1], out _));
        Assert.False(reader.IsModelLoaded);
    }

    [Fact]
    public void EmbedMany_CacheFileWithTornTail_LoadsWholeRecordsOnly()
    {
        using var directory = new TempDirectory();
        using (var writer = Create(directory.Path))
        {
            writer.EmbedMany(Texts);
        }

        var path = Path.Combine(directory.Path, "all-MiniLM-L6-v2", "vectors.bin");
        using (var stream = new FileStream(path, FileMode.Append))
        {
            stream.Write(new byte[700]);
        }

        using var reader = Create(directory.Path);
        reader.EmbedMany(Texts);

        Assert.Equal(Texts.Length, reader.CachedVectorCount);
        Assert.False(reader.IsModelLoaded);
        Assert.Equal(VectorCacheFile.HeaderSize + (Texts.Length * (32 + (384 * 4))), new FileInfo(path).Length);
    }

    [Fact]
    public void Constructor_CacheOpenInAnotherEmbedder_WorksFromMemory()
    {
        using var directory = new TempDirectory();
        using var first = Create(directory.Path);
        first.EmbedMany(Texts[..1]);

        using var second = Create(directory.Path);
        var vector = second.Embed(Texts[0]);

        Assert.Equal(384, vector.Length);
    }

    private static SentenceTransformerEmbedder Create(string directory) =>
        new(new TextEmbeddingOptions { CacheDirectory = directory, Threads = 2 });
}
