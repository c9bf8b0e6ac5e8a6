using AutomationFleet.Core.Files;
using AutomationFleet.Text;
using System.IO.Compression;
using System.Text.Json;

namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>
/// The model file: a ZIP holding <c>manifest.json</c> (format version, labels, featurizer settings, temperature,
/// thresholds, training metadata, from version 2 the correctness model and, from version 3, the embedding view's
/// embedder name, dimensions, stacking weight and novelty threshold), <c>weights.bin</c> (little-endian: buckets, IDF,
/// weights, bias) and, from version 3 with an embedding view, <c>embedding.bin</c> (its weights and bias, the novelty
/// detector's Cholesky factor and whitened class means) and <c>training-embeddings.bin</c> (the normalised training
/// embeddings and their classes, for the nearest-neighbour signals; files without it predict as before). Versions 1 and 2 are still read and predict as they did
/// (version 1: no correctness model, thresholds apply to the top probability; version 2: its nearest-neighbour
/// signals are no longer computed, so a file that used them is refused). A reader refuses a format it does not know.
/// </summary>
public static class TextClassifierFile
{
    /// <summary>The format this code writes and reads.</summary>
    public const int FormatVersion = 3;

    /// <summary>The oldest format this code reads.</summary>
    public const int OldestReadableVersion = 1;

    private const string ManifestEntry = "manifest.json";
    private const string WeightsEntry = "weights.bin";
    private const string NeighboursEntry = "neighbours.bin";
    private const string EmbeddingEntry = "embedding.bin";
    private const string TrainingEmbeddingsEntry = "training-embeddings.bin";
    private const uint TrainingEmbeddingsMagic = 0x4E434641; // "AFCN"
    private const uint EmbeddingMagic = 0x45434641; // "AFCE"
    private const uint WeightsMagic = 0x4D434641; // "AFCM"

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static void Save(TextClassifier classifier, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            OwnerOnly.CreateFolder(directory);
        }

        // Written beside the target and moved into place, so a reader never sees half a model.
        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
        {
            Save(classifier, stream);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public static void Save(TextClassifier classifier, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        using var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        var manifest = new Manifest(
            FormatVersion,
            [.. classifier.Labels],
            classifier.Featurizer.Options,
            classifier.Featurizer.FeatureCount,
            classifier.Temperature,
            classifier.Thresholds.TargetPrecision,
            classifier.Thresholds.Global,
            new SortedDictionary<string, double>(classifier.Thresholds.PerCategory.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal),
            classifier.Metadata,
            classifier.Correctness is null ? null : new CorrectnessManifest(
                [.. classifier.Correctness.FeatureNames],
                [.. classifier.Correctness.Means],
                [.. classifier.Correctness.Scales],
                [.. classifier.Correctness.Weights],
                classifier.Correctness.Intercept),
            classifier.Embeddings is not { } view ? null : new EmbeddingManifest(view.EmbedderName, view.Dimensions, view.Weight, view.Novelty.Threshold));
        using (var entry = archive.CreateEntry(ManifestEntry, CompressionLevel.Optimal).Open())
        {
            JsonSerializer.Serialize(entry, manifest, JsonOptions);
        }

        using (var entry = archive.CreateEntry(WeightsEntry, CompressionLevel.Fastest).Open())
        using (var writer = new BinaryWriter(entry))
        {
            var model = classifier.Model;
            writer.Write(WeightsMagic);
            writer.Write(model.FeatureCount);
            writer.Write(model.ClassCount);
            foreach (var b in classifier.Featurizer.Buckets)
            {
                writer.Write(b);
            }

            foreach (var v in classifier.Featurizer.Idf)
            {
                writer.Write(v);
            }

            foreach (var w in model.Weights)
            {
                writer.Write(w);
            }

            foreach (var b in model.Bias)
            {
                writer.Write(b);
            }
        }

        if (classifier.Embeddings is { } embeddings)
        {
            using var entry = archive.CreateEntry(EmbeddingEntry, CompressionLevel.Fastest).Open();
            using var writer = new BinaryWriter(entry);
            writer.Write(EmbeddingMagic);
            writer.Write(embeddings.Dimensions);
            writer.Write(embeddings.Model.ClassCount);
            WriteAll(writer, embeddings.Model.Weights);
            WriteAll(writer, embeddings.Model.Bias);
            WriteAll(writer, embeddings.Novelty.Cholesky);
            WriteAll(writer, embeddings.Novelty.WhitenedMeans);
        }

        if (classifier.Embeddings?.Neighbours is { } neighbours)
        {
            using var entry = archive.CreateEntry(TrainingEmbeddingsEntry, CompressionLevel.Fastest).Open();
            using var writer = new BinaryWriter(entry);
            writer.Write(TrainingEmbeddingsMagic);
            writer.Write(neighbours.Dimensions);
            writer.Write(neighbours.Count);
            writer.Write(neighbours.Neighbours);
            foreach (var label in neighbours.Labels)
            {
                writer.Write(label);
            }

            WriteAll(writer, neighbours.Vectors);
        }
    }

    /// <summary>Reads a model file; a model with an embedding view needs the <paramref name="embedder"/> it was trained with.</summary>
    public static TextClassifier Load(string path, ITextEmbedder? embedder = null)
    {
        using var stream = File.OpenRead(path);
        return Load(stream, embedder);
    }

    /// <summary>Reads a model; a model with an embedding view needs the <paramref name="embedder"/> it was trained with.</summary>
    public static TextClassifier Load(Stream stream, ITextEmbedder? embedder = null)
    {
        using var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        var manifestEntry = archive.GetEntry(ManifestEntry) ?? throw new InvalidDataException($"The model file has no {ManifestEntry}.");
        Manifest manifest;
        using (var entry = manifestEntry.Open())
        {
            manifest = JsonSerializer.Deserialize<Manifest>(entry, JsonOptions) ?? throw new InvalidDataException("The model manifest is empty.");
        }

        if (manifest.FormatVersion < OldestReadableVersion || manifest.FormatVersion > FormatVersion)
        {
            throw new InvalidDataException($"Model format version {manifest.FormatVersion} is not supported (this build reads {OldestReadableVersion} to {FormatVersion}).");
        }

        var weightsEntry = archive.GetEntry(WeightsEntry) ?? throw new InvalidDataException($"The model file has no {WeightsEntry}.");
        using var reader = new BinaryReader(weightsEntry.Open());
        if (reader.ReadUInt32() != WeightsMagic)
        {
            throw new InvalidDataException("The model weights have an unknown header.");
        }

        var featureCount = reader.ReadInt32();
        var classCount = reader.ReadInt32();
        if (featureCount != manifest.FeatureCount || classCount != manifest.Labels.Count)
        {
            throw new InvalidDataException("The model weights do not match the manifest.");
        }

        var buckets = ReadInts(reader, featureCount);
        var idf = ReadFloats(reader, featureCount);
        var weights = ReadFloats(reader, featureCount * classCount);
        var bias = ReadFloats(reader, classCount);
        var featurizer = new TextFeaturizer(manifest.Featurizer, buckets, idf);
        var model = new SoftmaxModel(featureCount, classCount, weights, bias);
        var thresholds = new CategoryThresholds(manifest.TargetPrecision, manifest.GlobalThreshold, new Dictionary<string, double>(manifest.CategoryThresholds, StringComparer.Ordinal));
        if (archive.GetEntry(NeighboursEntry) is not null)
        {
            throw new InvalidDataException("The model's correctness model uses nearest-neighbour signals, which this build no longer computes; retrain the model.");
        }

        var correctness = ReadCorrectness(manifest.Correctness, manifest.FormatVersion);
        var embeddings = ReadEmbeddings(archive, manifest.Embedding, classCount);
        if (embeddings is not null && embedder is null)
        {
            throw new InvalidDataException($"The model has an embedding view ({embeddings.EmbedderName}); load it with that text embedder, or train an n-gram-only model (Classification:Embeddings false).");
        }

        return new TextClassifier(featurizer, model, manifest.Labels, manifest.Temperature, thresholds, manifest.Metadata, correctness, embeddings, embedder);
    }

    private static CorrectnessModel? ReadCorrectness(CorrectnessManifest? manifest, int formatVersion)
    {
        if (manifest is null)
        {
            return null;
        }

        if (formatVersion == 2 && manifest.FeatureNames.SequenceEqual(ConfidenceFeatures.Format2Names, StringComparer.Ordinal))
        {
            // Format 2: the n-gram features are today's first ones; its neighbour signals were constant zero (the file
            // has no neighbour index), so dropping them and giving the new features zero weight scores the same.
            var n = ConfidenceFeatures.NgramFeatureCount;
            double[] Widen(List<double> values, double fill) => [.. values.Take(n), .. Enumerable.Repeat(fill, ConfidenceFeatures.Count - n)];
            return new CorrectnessModel(ConfidenceFeatures.Names, Widen(manifest.Means, 0), Widen(manifest.Scales, 1), Widen(manifest.Weights, 0), manifest.Intercept);
        }

        if (formatVersion == 3 && manifest.FeatureNames.SequenceEqual(ConfidenceFeatures.Names.Take(ConfidenceFeatures.EmbeddingFeatureCount), StringComparer.Ordinal))
        {
            // Format 3 before the runner-up and neighbour signals: those get zero weight, so it scores as it did.
            var n = ConfidenceFeatures.EmbeddingFeatureCount;
            double[] Widen(List<double> values, double fill) => [.. values, .. Enumerable.Repeat(fill, ConfidenceFeatures.Count - n)];
            return new CorrectnessModel(ConfidenceFeatures.Names, Widen(manifest.Means, 0), Widen(manifest.Scales, 1), Widen(manifest.Weights, 0), manifest.Intercept);
        }

        if (!manifest.FeatureNames.SequenceEqual(ConfidenceFeatures.Names, StringComparer.Ordinal))
        {
            throw new InvalidDataException($"The model's correctness features ({string.Join(", ", manifest.FeatureNames)}) are not the ones this build computes ({string.Join(", ", ConfidenceFeatures.Names)}); retrain the model.");
        }

        return new CorrectnessModel(manifest.FeatureNames, [.. manifest.Means], [.. manifest.Scales], [.. manifest.Weights], manifest.Intercept);
    }

    private static EmbeddingView? ReadEmbeddings(ZipArchive archive, EmbeddingManifest? manifest, int classCount)
    {
        if (manifest is null)
        {
            return null;
        }

        var entry = archive.GetEntry(EmbeddingEntry) ?? throw new InvalidDataException($"The model names an embedding view but has no {EmbeddingEntry}.");
        using var reader = new BinaryReader(entry.Open());
        if (reader.ReadUInt32() != EmbeddingMagic)
        {
            throw new InvalidDataException("The model's embedding view has an unknown header.");
        }

        var d = reader.ReadInt32();
        var k = reader.ReadInt32();
        if (d != manifest.Dimensions || k != classCount || d <= 0)
        {
            throw new InvalidDataException("The model's embedding view does not match its manifest.");
        }

        var weights = ReadFloats(reader, d * k);
        var bias = ReadFloats(reader, k);
        var cholesky = ReadFloats(reader, d * d);
        var means = ReadFloats(reader, d * k);
        var novelty = new NoveltyDetector(d, cholesky, means, manifest.NoveltyThreshold);
        return new EmbeddingView(manifest.EmbedderName, new SoftmaxModel(d, k, weights, bias), manifest.Weight, novelty, ReadNeighbours(archive, d, k));
    }

    /// <summary>The training embeddings of the neighbour signals; null in a file written before them.</summary>
    private static NeighbourIndex? ReadNeighbours(ZipArchive archive, int dimensions, int classCount)
    {
        if (archive.GetEntry(TrainingEmbeddingsEntry) is not { } entry)
        {
            return null;
        }

        using var reader = new BinaryReader(entry.Open());
        if (reader.ReadUInt32() != TrainingEmbeddingsMagic)
        {
            throw new InvalidDataException("The model's training embeddings have an unknown header.");
        }

        var d = reader.ReadInt32();
        var n = reader.ReadInt32();
        var k = reader.ReadInt32();
        if (d != dimensions || n <= 0 || k <= 0)
        {
            throw new InvalidDataException("The model's training embeddings do not match its embedding view.");
        }

        var labels = ReadInts(reader, n);
        var vectors = ReadFloats(reader, n * d);
        return new NeighbourIndex(d, k, vectors, labels, classCount);
    }

    private static void WriteAll(BinaryWriter writer, float[] values)
    {
        foreach (var v in values)
        {
            writer.Write(v);
        }
    }

    private static int[] ReadInts(BinaryReader reader, int count)
    {
        var values = new int[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = reader.ReadInt32();
        }

        return values;
    }

    private static float[] ReadFloats(BinaryReader reader, int count)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = reader.ReadSingle();
        }

        return values;
    }

    private sealed record Manifest(
        int FormatVersion,
        List<string> Labels,
        FeaturizerOptions Featurizer,
        int FeatureCount,
        double Temperature,
        double TargetPrecision,
        double GlobalThreshold,
        IDictionary<string, double> CategoryThresholds,
        ClassifierTrainingMetadata Metadata,
        CorrectnessManifest? Correctness = null,
        EmbeddingManifest? Embedding = null);

    private sealed record EmbeddingManifest(string EmbedderName, int Dimensions, double Weight, double NoveltyThreshold);

    private sealed record CorrectnessManifest(List<string> FeatureNames, List<double> Means, List<double> Scales, List<double> Weights, double Intercept);
}
