using System.Text.Json;
using AutomationFleet.Bots.InboundPost.Classification;
using AutomationFleet.Bots.InboundPost.Tests.Bot;
using Microsoft.Extensions.Time.Testing;

namespace AutomationFleet.Bots.InboundPost.Tests.Classification;

/// <summary>
/// The two-view classifier with the real sentence encoder (<see cref="TestEmbedder"/>): format 3 round-trips, format 2
/// files written by the previous build still predict as they did, and text far from the training data is novel.
/// </summary>
public sealed class EmbeddingClassifierTests : IClassFixture<StarterModelFixture>, IDisposable
{
    private readonly StarterModelFixture _starter;
    private readonly string _directory = Directory.CreateTempSubdirectory("embedding-classifier-").FullName;

    public EmbeddingClassifierTests(StarterModelFixture starter) => _starter = starter;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Train_StarterSetWithEmbedder_HasBothViewsAndClassifiesHeldOutLetters()
    {
        var model = _starter.Model;
        var heldOut = LabelledTextLoader.Load(Repository.File("config", "training", "council-post-heldout.csv"));

        var report = ClassifierEvaluation.Evaluate(model, heldOut);

        Assert.NotNull(model.Embeddings);
        Assert.Equal(TestEmbedder.Shared.ModelName, model.Embeddings!.EmbedderName);
        Assert.True(double.IsFinite(model.Embeddings.Novelty.Threshold));
        Assert.True(report.Accuracy > 0.9, $"held-out accuracy {report.Accuracy}");
        Assert.True(report.AutomaticPrecision >= 0.97, $"precision of automatic {report.AutomaticPrecision}");
    }

    [Fact]
    public void SaveLoad_FormatVersion3WithEmbeddings_RoundTripIdentical()
    {
        var path = Path.Combine(_directory, "v3.model");
        var texts = LabelledTextLoader.Load(Repository.File("config", "training", "council-post-heldout.csv")).Select(e => e.Text).Take(40).ToList();

        _starter.Model.Save(path);
        var loaded = TextClassifier.Load(path, TestEmbedder.Shared);

        Assert.Equal(_starter.Model.Embeddings!.Weight, loaded.Embeddings!.Weight);
        Assert.Equal(_starter.Model.Embeddings.Novelty.Threshold, loaded.Embeddings.Novelty.Threshold);
        Assert.NotNull(_starter.Model.Embeddings.Neighbours);
        Assert.Equal(_starter.Model.Embeddings.Neighbours!.Count, loaded.Embeddings.Neighbours!.Count);
        Assert.Equal(_starter.Model.Embeddings.Neighbours.Vectors, loaded.Embeddings.Neighbours.Vectors);
        foreach (var text in texts)
        {
            var a = _starter.Model.Classify(text);
            var b = loaded.Classify(text);
            Assert.Equal(a.Label, b.Label);
            Assert.Equal(a.Probability, b.Probability);
            Assert.Equal(a.Novelty, b.Novelty);
        }
    }

    [Fact]
    public void Load_EmbeddingModelWithoutEmbedder_ThrowsNamingTheSetting()
    {
        var path = Path.Combine(_directory, "needs-embedder.model");
        _starter.Model.Save(path);

        var error = Assert.Throws<InvalidDataException>(() => TextClassifier.Load(path));

        Assert.Contains("Classification:Embeddings", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Whisk the eggs with the sugar until pale, fold in the flour and bake at 180 degrees for twenty five minutes.")]
    [InlineData("def fibonacci(n): return n if n < 2 else fibonacci(n - 1) + fibonacci(n - 2)")]
    [InlineData("The quarterback threw a touchdown pass in the final seconds to win the championship game.")]
    public void Classify_TextFarFromAllTrainingData_IsNovelAndNotAutomatic(string text)
    {
        var result = _starter.Model.Classify(text);

        Assert.NotNull(result.Novelty);
        Assert.True(result.Novelty!.IsNovel, $"distance {result.Novelty.Distance} threshold {result.Novelty.Threshold}");
        Assert.False(result.Automatic);
    }

    [Fact]
    public void Classify_HeldOutCouncilLetters_MostAreNotNovel()
    {
        var heldOut = LabelledTextLoader.Load(Repository.File("config", "training", "council-post-heldout.csv"));

        var novel = _starter.Model.ClassifyMany(heldOut.Select(e => e.Text).ToList()).Count(r => r.Novelty!.IsNovel);

        Assert.True(novel <= heldOut.Count / 10, $"{novel} of {heldOut.Count} held-out letters were novel");
    }

    [Fact]
    public void Load_FormatVersion2FileOfThePreviousBuild_PredictsAsItDid()
    {
        // Written by the previous build (format 2, n-gram view, correctness model): Fixtures/README.md.
        var model = TextClassifier.Load(Fixture("format2.model"));
        using var expected = JsonDocument.Parse(File.ReadAllText(Fixture("format2-predictions.json")));
        var heldOut = LabelledTextLoader.Load(Fixture("format2-texts.csv"));

        Assert.Null(model.Embeddings);
        Assert.NotNull(model.Correctness);
        var rows = expected.RootElement.EnumerateArray().ToList();
        Assert.Equal(heldOut.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var result = model.Classify(heldOut[i].Text);
            Assert.Equal(rows[i].GetProperty("label").GetString(), result.Label);
            Assert.Equal(rows[i].GetProperty("probability").GetDouble(), Math.Round(result.Probability, 4));
            Assert.Equal(rows[i].GetProperty("decision").GetString(), result.Automatic ? "auto" : "review");
        }
    }

    [Fact]
    public void Load_FormatVersion3FileWithoutTrainingEmbeddings_PredictsAsItDid()
    {
        // Written by the build before the neighbour signals (format 3, no training embeddings): Fixtures/README.md.
        var model = TextClassifier.Load(Fixture("format3.model"), TestEmbedder.Shared);
        using var expected = JsonDocument.Parse(File.ReadAllText(Fixture("format3-predictions.json")));
        var texts = LabelledTextLoader.Load(Fixture("format2-texts.csv"));

        Assert.NotNull(model.Embeddings);
        Assert.Null(model.Embeddings!.Neighbours);
        Assert.NotNull(model.Correctness);
        var rows = expected.RootElement.EnumerateArray().ToList();
        Assert.Equal(texts.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var result = model.Classify(texts[i].Text);
            Assert.Equal(rows[i].GetProperty("label").GetString(), result.Label);
            Assert.Equal(rows[i].GetProperty("probability").GetDouble(), Math.Round(result.Probability, 4));
            Assert.Equal(rows[i].GetProperty("decision").GetString(), result.Automatic ? "auto" : "review");
            Assert.Equal(rows[i].GetProperty("distance").GetDouble(), Math.Round(result.Novelty!.Distance, 4));
        }
    }

    private static string Fixture(string name) =>
        Repository.File("tests", "AutomationFleet.Bots.InboundPost.Tests", "Classification", "Fixtures", name);

    [Fact]
    public void Train_WithoutEmbedder_NgramModelWithoutNovelty()
    {
        var model = TextClassifierTrainer.Train(SyntheticData.Generate(40, seed: 5), new TextClassifierTrainingOptions(), new FakeTimeProvider());

        var result = model.Classify("blue badge parking renewal");

        Assert.Null(model.Embeddings);
        Assert.Null(result.Novelty);
    }
}

/// <summary>The starter model trained once with the real sentence encoder, shared by a test class.</summary>
public sealed class StarterModelFixture
{
    public TextClassifier Model { get; } = TextClassifierTrainer.Train(
        LabelledTextLoader.Load(Repository.File("config", "training", "council-post.csv")),
        new TextClassifierTrainingOptions(),
        new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)),
        TestEmbedder.Shared);
}
