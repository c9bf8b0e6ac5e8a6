namespace AutomationFleet.Text.Tests;

public sealed class SentenceTransformerEmbedderTests(EmbedderFixture fixture) : IClassFixture<EmbedderFixture>
{
    private const string PinReset = "How do I reset my card PIN?";
    private const string PinForgotten = "I forgot my card's PIN, how can I change it?";
    private const string Pothole = "There is a pothole on Mill Lane";

    [Fact]
    public void Embed_RealMiniLM_Gives384UnitLengthDimensions()
    {
        var vector = fixture.Default.Embed(PinReset);

        Assert.Equal("all-MiniLM-L6-v2", fixture.Default.ModelName);
        Assert.Equal(384, fixture.Default.Dimensions);
        Assert.Equal(384, vector.Length);
        Assert.Equal(1.0, Vectors.Norm(vector), 4);
    }

    [Fact]
    public void Embed_Paraphrase_NearerThanUnrelatedSentence()
    {
        var reset = fixture.Default.Embed(PinReset);
        var forgotten = fixture.Default.Embed(PinForgotten);
        var pothole = fixture.Default.Embed(Pothole);

        var paraphrase = Vectors.Dot(reset, forgotten);
        Assert.True(paraphrase > Vectors.Dot(reset, pothole) + 0.3, $"paraphrase {paraphrase}, unrelated {Vectors.Dot(reset, pothole)}");
        Assert.True(paraphrase > Vectors.Dot(forgotten, pothole) + 0.3);
    }

    [Fact]
    public void Embed_SameTextInTwoInstances_IdenticalFloats()
    {
        const string Text = "My council tax bill is wrong for April";

        var first = fixture.Batched.Embed(Text);
        var again = fixture.Batched.Embed(Text);
        var other = fixture.Default.Embed(Text);

        Assert.Equal(first, again);
        Assert.Equal(first, other);
    }

    [Fact]
    public void Embed_CallerChangesResult_CacheUnchanged()
    {
        const string Text = "Bin collection missed on Tuesday";
        var first = fixture.Default.Embed(Text);
        var copy = (float[])first.Clone();

        Array.Clear(first);

        Assert.Equal(copy, fixture.Default.Embed(Text));
    }

    [Fact]
    public void EmbedMany_MixedLengthsAndDuplicates_InputOrderAndEqualToOneByOne()
    {
        string[] texts =
        [
            "Why was my transfer declined yesterday evening when I had plenty of money in the account?",
            "card lost",
            "Can I top up by bank transfer?",
            "card lost",
            "What exchange rate do you use for payments abroad in euros and dollars?",
            "Is there a fee for cash withdrawals?",
            "pin",
            "My refund has not arrived yet, it has been ten days since the shop said it was sent back to me.",
            "How long does a card take to arrive?",
        ];

        var many = fixture.Batched.EmbedMany(texts);

        Assert.Equal(texts.Length, many.Count);
        for (var i = 0; i < texts.Length; i++)
        {
            var single = fixture.Default.Embed(texts[i]);
            Assert.True(Vectors.MaxDifference(many[i], single) < 1e-5f, $"text {i} differs by {Vectors.MaxDifference(many[i], single)}");
        }

        Assert.Equal(many[1], many[3]);
    }

    [Fact]
    public void EmbedMany_Empty_ReturnsEmpty()
    {
        Assert.Empty(fixture.Default.EmbedMany([]));
    }

    [Fact]
    public void EmbedMany_ManyThreadsSameNewTexts_AllAgree()
    {
        var texts = Enumerable.Range(0, 24).Select(i => $"Streetlight number {i} on Station Road is flickering").ToArray();
        var expected = fixture.Default.EmbedMany(texts);
        var results = new IReadOnlyList<float[]>[8];

        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => results[i] = fixture.Batched.EmbedMany(texts));

        foreach (var result in results)
        {
            for (var t = 0; t < texts.Length; t++)
            {
                Assert.True(Vectors.MaxDifference(expected[t], result[t]) < 1e-5f);
            }
        }
    }

    [Fact]
    public void EmbedMany_CancelledToken_ThrowsOperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            fixture.Default.EmbedMany(["A text nobody embedded before the cancellation test"], cancellation.Token));
    }

    [Fact]
    public void EmbedMany_CancelledTokenManyBatches_ThrowsOperationCanceledNotAggregate()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var texts = Enumerable.Range(0, 20).Select(i => $"Cancelled before batch {i} of the parallel run").ToArray();

        var thrown = Record.Exception(() => fixture.Batched.EmbedMany(texts, cancellation.Token));

        Assert.IsAssignableFrom<OperationCanceledException>(thrown);
    }

    [Fact]
    public void EmbedMany_OneThreadOrTwo_IdenticalFloats()
    {
        var texts = Enumerable.Range(0, 30).Select(i => $"Report {i}: the {(i % 3 == 0 ? "street light" : "pavement")} outside number {i * 7} is broken").ToArray();
        using var oneThread = new SentenceTransformerEmbedder(new TextEmbeddingOptions { CacheDirectory = null, BatchSize = 4, Threads = 1 });

        var serial = oneThread.EmbedMany(texts);
        var parallel = fixture.Batched.EmbedMany(texts);

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(serial[i], parallel[i]);
        }
    }

    [Fact]
    public void Embed_ThousandWords_SameAsFirstMaxWords()
    {
        // Common words, one word piece each: 200 words stay under the package's own cap of 512 word pieces.
        string[] vocabulary = ["the", "bin", "was", "not", "emptied", "on", "our", "street", "again", "today"];
        var words = Enumerable.Range(0, 1000).Select(i => vocabulary[i % vocabulary.Length]).ToArray();
        var options = new TextEmbeddingOptions();

        var whole = fixture.Default.Embed(string.Join("  \n ", words));
        var head = fixture.Default.Embed(string.Join(' ', words.Take(options.MaxWords)));
        var shorter = fixture.Default.Embed(string.Join(' ', words.Take(options.MaxWords - 1)));

        Assert.Equal(head, whole);
        Assert.NotEqual(head, shorter);
    }

    [Fact]
    public void TryGetCached_TextNeverEmbedded_FalseWithoutLoadingTheModelOrCaching()
    {
        using var embedder = new SentenceTransformerEmbedder(new TextEmbeddingOptions { CacheDirectory = null });

        Assert.False(embedder.TryGetCached(Pothole, out var vector));
        Assert.Null(vector);
        Assert.False(embedder.TryGetCached(Pothole, out _));
        Assert.False(embedder.IsModelLoaded);
        Assert.Equal(0, embedder.CachedVectorCount);
    }

    [Fact]
    public void TryGetCached_TextEmbeddedBefore_TheVectorEmbedGaveAndACopy()
    {
        const string Text = "The recycling bin on Cedar Close was left unemptied";
        var embedded = fixture.Default.Embed(Text);

        Assert.True(fixture.Default.TryGetCached(Text, out var cached));
        Assert.Equal(embedded, cached);
        Array.Clear(cached);
        Assert.True(fixture.Default.TryGetCached(Text, out var again));
        Assert.Equal(embedded, again);
    }

    [Fact]
    public void TryGetCached_TextLongerThanMaxWords_FoundUnderItsFirstMaxWords()
    {
        string[] vocabulary = ["a", "fallen", "branch", "blocks", "the", "footpath", "by", "mill", "pond", "now"];
        var words = Enumerable.Range(0, 400).Select(i => vocabulary[i % vocabulary.Length]).ToArray();
        var head = fixture.Default.Embed(string.Join(' ', words.Take(new TextEmbeddingOptions().MaxWords)));

        Assert.True(fixture.Default.TryGetCached(string.Join(' ', words), out var whole));
        Assert.Equal(head, whole);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\r\n \u00A0")]
    public void Embed_EmptyOrWhitespace_ModelVectorOfEmptyString(string text)
    {
        var vector = fixture.Default.Embed(text);

        Assert.Equal(fixture.Default.Embed(string.Empty), vector);
        Assert.Equal(1.0, Vectors.Norm(vector), 4);
    }

    [Theory]
    [InlineData("🙂🙂 emoji only 🚧")]
    [InlineData("控制 字符 \u0001\u0002\u0007 日本語のテキスト")]
    [InlineData("a\u0301\u0301\u0301 combining marks")]
    [InlineData("\uD800 lone surrogate")]
    public void Embed_UnusualCharacters_UnitVector(string text)
    {
        Assert.Equal(1.0, Vectors.Norm(fixture.Default.Embed(text)), 4);
    }

    [Fact]
    public void Embed_OneVeryLongWord_UnitVector()
    {
        Assert.Equal(1.0, Vectors.Norm(fixture.Default.Embed(new string('x', 20_000))), 4);
    }

    [Fact]
    public void Embed_AfterDispose_ThrowsObjectDisposed()
    {
        var embedder = new SentenceTransformerEmbedder(new TextEmbeddingOptions { CacheDirectory = null });
        embedder.Dispose();

        Assert.Throws<ObjectDisposedException>(() => embedder.Embed("anything"));
    }
}
