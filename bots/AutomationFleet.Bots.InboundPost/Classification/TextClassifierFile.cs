using System.IO.Compression;
using System.Text.Json;

namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>
/// The model file: a ZIP holding <c>manifest.json</c> (format version, labels, featurizer settings, temperature,
/// thresholds, training metadata and, from version 2, the correctness model), <c>weights.bin</c> (little-endian:
/// buckets, IDF, weights, bias) and, from version 2 when the correctness model uses nearest-neighbour signals,
/// <c>neighbours.bin</c> (the training texts' vectors as an inverted index). Version 1 files (no correctness model:
/// thresholds apply to the top probability) are still read. A reader refuses a format version it does not know.
/// </summary>
public static class TextClassifierFile
{
    /// <summary>The format this code writes and reads.</summary>
    public const int FormatVersion = 2;

    /// <summary>The oldest format this code reads.</summary>
    public const int OldestReadableVersion = 1;

    private const string ManifestEntry = "manifest.json";
    private const string WeightsEntry = "weights.bin";
    private const string NeighboursEntry = "neighbours.bin";
    private const uint NeighboursMagic = 0x4E434641; // "AFCN"
    private const uint WeightsMagic = 0x4D434641; // "AFCM"

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public static void Save(TextClassifier classifier, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
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
                classifier.Correctness.Intercept));
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

        if (classifier.Correctness is not null && classifier.Neighbours is { } index)
        {
            using var entry = archive.CreateEntry(NeighboursEntry, CompressionLevel.Fastest).Open();
            using var writer = new BinaryWriter(entry);
            writer.Write(NeighboursMagic);
            writer.Write(index.DocumentCount);
            writer.Write(index.PostingStart.Length);
            writer.Write(index.PostingDocument.Length);
            WriteAll(writer, index.Labels);
            WriteAll(writer, index.PostingStart);
            WriteAll(writer, index.PostingDocument);
            WriteAll(writer, index.PostingValue);
            WriteAll(writer, index.Norms);
        }
    }

    public static TextClassifier Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream);
    }

    public static TextClassifier Load(Stream stream)
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
        var correctness = ReadCorrectness(manifest.Correctness);
        var neighbours = correctness is null ? null : ReadNeighbours(archive, featureCount, classCount);
        return new TextClassifier(featurizer, model, manifest.Labels, manifest.Temperature, thresholds, manifest.Metadata, correctness, neighbours);
    }

    private static CorrectnessModel? ReadCorrectness(CorrectnessManifest? manifest)
    {
        if (manifest is null)
        {
            return null;
        }

        if (!manifest.FeatureNames.SequenceEqual(ConfidenceFeatures.Names, StringComparer.Ordinal))
        {
            throw new InvalidDataException($"The model's correctness features ({string.Join(", ", manifest.FeatureNames)}) are not the ones this build computes ({string.Join(", ", ConfidenceFeatures.Names)}); retrain the model.");
        }

        return new CorrectnessModel(manifest.FeatureNames, [.. manifest.Means], [.. manifest.Scales], [.. manifest.Weights], manifest.Intercept);
    }

    private static NeighbourIndex? ReadNeighbours(ZipArchive archive, int featureCount, int classCount)
    {
        var neighboursEntry = archive.GetEntry(NeighboursEntry);
        if (neighboursEntry is null)
        {
            return null;
        }

        using var reader = new BinaryReader(neighboursEntry.Open());
        if (reader.ReadUInt32() != NeighboursMagic)
        {
            throw new InvalidDataException("The model's neighbour index has an unknown header.");
        }

        var documents = reader.ReadInt32();
        var starts = reader.ReadInt32();
        var postings = reader.ReadInt32();
        if (starts != featureCount + 1 || documents < 0 || postings < 0)
        {
            throw new InvalidDataException("The model's neighbour index does not match its features.");
        }

        var labels = ReadInts(reader, documents);
        var postingStart = ReadInts(reader, starts);
        var postingDocument = ReadInts(reader, postings);
        var postingValue = ReadFloats(reader, postings);
        var norms = ReadFloats(reader, documents);
        if (labels.Any(l => l < 0 || l >= classCount) || postingDocument.Any(d => d < 0 || d >= documents) || postingStart[^1] != postings)
        {
            throw new InvalidDataException("The model's neighbour index is inconsistent.");
        }

        return new NeighbourIndex(labels, postingStart, postingDocument, postingValue, norms);
    }

    private static void WriteAll(BinaryWriter writer, int[] values)
    {
        foreach (var v in values)
        {
            writer.Write(v);
        }
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
        CorrectnessManifest? Correctness = null);

    private sealed record CorrectnessManifest(List<string> FeatureNames, List<double> Means, List<double> Scales, List<double> Weights, double Intercept);
}
