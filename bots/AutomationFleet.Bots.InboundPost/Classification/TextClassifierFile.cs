using System.IO.Compression;
using System.Text.Json;

namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>
/// The model file: a ZIP holding <c>manifest.json</c> (format version, labels, featurizer settings, temperature,
/// thresholds, training metadata) and <c>weights.bin</c> (little-endian: buckets, IDF, weights, bias).
/// A reader refuses a format version it does not know.
/// </summary>
public static class TextClassifierFile
{
    /// <summary>The format this code writes and reads.</summary>
    public const int FormatVersion = 1;

    private const string ManifestEntry = "manifest.json";
    private const string WeightsEntry = "weights.bin";
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
            classifier.Metadata);
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

        if (manifest.FormatVersion != FormatVersion)
        {
            throw new InvalidDataException($"Model format version {manifest.FormatVersion} is not supported (this build reads {FormatVersion}).");
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
        return new TextClassifier(featurizer, model, manifest.Labels, manifest.Temperature, thresholds, manifest.Metadata);
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
        ClassifierTrainingMetadata Metadata);
}
