using Microsoft.Extensions.Logging.Abstractions;

namespace AutomationFleet.Text.Tests;

public sealed class VectorCacheFileTests
{
    private const int Dimensions = 4;

    [Fact]
    public void Open_AfterAppends_ReadsEveryRecordInOrder()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "m", "vectors.bin");
        using (var file = Open(path, out _))
        {
            file.Append([Record("a", 1), Record("b", 2)]);
            file.Append([Record("c", 3)]);
        }

        using var again = Open(path, out var records);

        Assert.Equal([Record("a", 1), Record("b", 2), Record("c", 3)], records, RecordComparer.Instance);
    }

    [Fact]
    public void Open_TornLastRecord_IgnoresTailAndAppendsAfterLastWholeRecord()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "vectors.bin");
        using (var file = Open(path, out _))
        {
            file.Append([Record("a", 1), Record("b", 2)]);
        }

        File.WriteAllBytes(path, File.ReadAllBytes(path)[..^5]);
        using (var file = Open(path, out var torn))
        {
            Assert.Equal([Record("a", 1)], torn, RecordComparer.Instance);
            file.Append([Record("c", 3)]);
        }

        using var again = Open(path, out var records);
        Assert.Equal([Record("a", 1), Record("c", 3)], records, RecordComparer.Instance);
    }

    [Fact]
    public void Open_OtherDimensions_StartsAfresh()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "vectors.bin");
        using (var wide = VectorCacheFile.Open(path, 8, (_, _) => { }, NullLogger.Instance).File)
        {
            wide.Append([(EmbeddingKey.Of("m", "a"), new float[8])]);
        }

        using var file = Open(path, out var records);

        Assert.Empty(records);
        Assert.Equal(VectorCacheFile.HeaderSize, new FileInfo(path).Length);
    }

    [Fact]
    public void Open_SecondOpenerWhileFirstWrites_ReadsButDoesNotWrite()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "vectors.bin");
        using var first = Open(path, out _);
        first.Append([Record("a", 1)]);

        using var second = Open(path, out var records);
        second.Append([Record("b", 2)]);

        Assert.True(first.IsWritable);
        Assert.False(second.IsWritable);
        Assert.Equal([Record("a", 1)], records, RecordComparer.Instance);
    }

    private static VectorCacheFile Open(string path, out List<(EmbeddingKey Key, float[] Vector)> records)
    {
        var read = new List<(EmbeddingKey Key, float[] Vector)>();
        var file = VectorCacheFile.Open(path, Dimensions, (key, vector) => read.Add((key, vector)), NullLogger.Instance).File;
        records = read;
        return file;
    }

    private static (EmbeddingKey Key, float[] Vector) Record(string text, float value) =>
        (EmbeddingKey.Of("m", text), [value, -value, value / 3, float.Epsilon]);

    private sealed class RecordComparer : IEqualityComparer<(EmbeddingKey Key, float[] Vector)>
    {
        public static readonly RecordComparer Instance = new();

        public bool Equals((EmbeddingKey Key, float[] Vector) x, (EmbeddingKey Key, float[] Vector) y) =>
            x.Key == y.Key && x.Vector.SequenceEqual(y.Vector);

        public int GetHashCode((EmbeddingKey Key, float[] Vector) obj) => obj.Key.GetHashCode();
    }
}
