using System.IO.Compression;
using AutomationFleet.Bots.InboundPost.Classification;
using Microsoft.Extensions.Time.Testing;

namespace AutomationFleet.Bots.InboundPost.Tests.Classification;

public sealed class TextClassifierFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("classifier-file-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static TextClassifier Train() =>
        TextClassifierTrainer.Train(SyntheticData.Generate(40, seed: 5), new TextClassifierTrainingOptions(), new FakeTimeProvider(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero)));

    [Fact]
    public void SaveLoad_RoundTrip_PredictionsAndSettingsIdentical()
    {
        var original = Train();
        var path = Path.Combine(_directory, "models", "inbound-post.model");
        var texts = SyntheticData.Generate(15, seed: 77).Select(e => e.Text).Append("unrelated words entirely").ToList();

        original.Save(path);
        var loaded = TextClassifier.Load(path);

        Assert.Equal(original.Labels, loaded.Labels);
        Assert.Equal(original.Temperature, loaded.Temperature);
        Assert.Equal(original.Thresholds.Global, loaded.Thresholds.Global);
        Assert.Equal(original.Thresholds.PerCategory.OrderBy(p => p.Key), loaded.Thresholds.PerCategory.OrderBy(p => p.Key));
        Assert.Equal(original.Metadata, loaded.Metadata);
        AssertSamePredictions(original, loaded, texts);
    }

    [Fact]
    public void SaveLoad_CorrectnessModel_RoundTripIdentical()
    {
        var original = TextClassifierTrainer.Train(SyntheticData.GenerateOverlapping(100, seed: 6), new TextClassifierTrainingOptions(), new FakeTimeProvider());
        var path = Path.Combine(_directory, "correctness.model");
        var texts = SyntheticData.GenerateOverlapping(15, seed: 78).Select(e => e.Text).ToList();

        original.Save(path);
        var loaded = TextClassifier.Load(path);

        Assert.NotNull(loaded.Correctness);
        Assert.Null(loaded.Embeddings);
        Assert.Equal(original.Correctness!.Weights, loaded.Correctness!.Weights);
        AssertSamePredictions(original, loaded, texts);
    }

    [Fact]
    public void Load_FormatVersion1_ReadsItAndThresholdsApplyToTheTopProbability()
    {
        var original = TextClassifierTrainer.Train(SyntheticData.GenerateOverlapping(60, seed: 6), new TextClassifierTrainingOptions { MinCorrectnessExamples = int.MaxValue }, new FakeTimeProvider());
        var path = Path.Combine(_directory, "v1.model");
        original.Save(path);
        RewriteManifest(path, m => m.Replace($"\"FormatVersion\": {TextClassifierFile.FormatVersion}", "\"FormatVersion\": 1", StringComparison.Ordinal).Replace("\"Correctness\": null", "\"Unused\": null", StringComparison.Ordinal));

        var loaded = TextClassifier.Load(path);

        Assert.Null(loaded.Correctness);
        var text = "blue badge parking renewal";
        Assert.Equal(original.Classify(text).Probability, loaded.Classify(text).Probability);
        Assert.Equal(loaded.Classify(text).Alternatives[0].Probability, loaded.Classify(text).Probability);
    }

    [Fact]
    public void Load_CorrectnessFeaturesOfAnotherBuild_ThrowsAskingToRetrain()
    {
        var path = Path.Combine(_directory, "features.model");
        TextClassifierTrainer.Train(SyntheticData.GenerateOverlapping(100, seed: 6), new TextClassifierTrainingOptions(), new FakeTimeProvider()).Save(path);
        RewriteManifest(path, m => m.Replace("\"novelty\"", "\"something_else\"", StringComparison.Ordinal));

        var error = Assert.Throws<InvalidDataException>(() => TextClassifier.Load(path));

        Assert.Contains("retrain", error.Message, StringComparison.Ordinal);
    }

    private static void RewriteManifest(string path, Func<string, string> change)
    {
        using var archive = ZipFile.Open(path, ZipArchiveMode.Update);
        var entry = archive.GetEntry("manifest.json")!;
        string manifest;
        using (var reader = new StreamReader(entry.Open()))
        {
            manifest = reader.ReadToEnd();
        }

        entry.Delete();
        using var writer = new StreamWriter(archive.CreateEntry("manifest.json").Open());
        writer.Write(change(manifest));
    }

    [Fact]
    public void Load_UnknownFormatVersion_Throws()
    {
        var path = Path.Combine(_directory, "m.model");
        Train().Save(path);
        using (var archive = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var entry = archive.GetEntry("manifest.json")!;
            string manifest;
            using (var reader = new StreamReader(entry.Open()))
            {
                manifest = reader.ReadToEnd();
            }

            entry.Delete();
            using var writer = new StreamWriter(archive.CreateEntry("manifest.json").Open());
            writer.Write(manifest.Replace($"\"FormatVersion\": {TextClassifierFile.FormatVersion}", "\"FormatVersion\": 99", StringComparison.Ordinal));
        }

        var error = Assert.Throws<InvalidDataException>(() => TextClassifier.Load(path));
        Assert.Contains("99", error.Message, StringComparison.Ordinal);
    }

    private static void AssertSamePredictions(TextClassifier original, TextClassifier loaded, IEnumerable<string> texts)
    {
        foreach (var text in texts)
        {
            var a = original.Classify(text);
            var b = loaded.Classify(text);
            Assert.Equal(a.Label, b.Label);
            Assert.Equal(a.Probability, b.Probability);
            Assert.Equal(a.Automatic, b.Automatic);
        }
    }
}
