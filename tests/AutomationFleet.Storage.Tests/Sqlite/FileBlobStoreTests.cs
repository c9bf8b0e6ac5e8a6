using System.Security.Cryptography;
using System.Text;
using AutomationFleet.Storage.Sqlite;

namespace AutomationFleet.Storage.Tests.Sqlite;

[Trait("Category", "Integration")]
public sealed class FileBlobStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "af-blobs-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task DeleteAsync_StoredThenTwice_DeletedOnceThenFalse()
    {
        var store = new FileBlobStore(_directory);
        var stored = await store.PutAsync("letter.txt", "text/plain", new MemoryStream(Encoding.UTF8.GetBytes("retention")), CancellationToken.None);

        var first = await store.DeleteAsync(stored.ContentHash, CancellationToken.None);
        var second = await store.DeleteAsync(stored.ContentHash, CancellationToken.None);

        Assert.Equal((true, false), (first, second));
        Assert.Throws<FileNotFoundException>(() => store.OpenRead(stored.ContentHash));
        await Assert.ThrowsAsync<ArgumentException>(() => store.DeleteAsync("../../etc/passwd", CancellationToken.None));
    }

    [Fact]
    public async Task PutAsync_NewContent_StoredUnderShardedHashAndReadable()
    {
        var store = new FileBlobStore(_directory);
        var bytes = Encoding.UTF8.GetBytes("Dear council, there is a pothole.");
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));

        var stored = await store.PutAsync("letter.txt", "text/plain", new MemoryStream(bytes), CancellationToken.None);

        Assert.Equal(hash, stored.ContentHash);
        Assert.Equal(bytes.Length, stored.Length);
        Assert.Equal("letter.txt", stored.Name);
        Assert.True(File.Exists(Path.Combine(_directory, hash[..2], hash)));
        Assert.Empty(Directory.GetFiles(Path.Combine(_directory, "tmp")));
        await using var read = store.OpenRead(hash);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
    }

    [Fact]
    public async Task PutAsync_SameContentTwice_NotRewritten()
    {
        var store = new FileBlobStore(_directory);
        var bytes = Encoding.UTF8.GetBytes("same");
        var first = await store.PutAsync("a.txt", "text/plain", new MemoryStream(bytes), CancellationToken.None);
        var path = Path.Combine(_directory, first.ContentHash[..2], first.ContentHash);
        var written = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, written);

        var second = await store.PutAsync("b.txt", "text/plain", new MemoryStream(bytes), CancellationToken.None);

        Assert.Equal(first.ContentHash, second.ContentHash);
        Assert.Equal("b.txt", second.Name);
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
        Assert.Single(Directory.GetFiles(_directory, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void OpenRead_Absent_ThrowsFileNotFound()
    {
        var store = new FileBlobStore(_directory);

        Assert.Throws<FileNotFoundException>(() => store.OpenRead(new string('0', 64)));
    }

    [Fact]
    public void OpenRead_NotAHash_ThrowsArgument()
    {
        var store = new FileBlobStore(_directory);
        Directory.CreateDirectory(_directory);

        Assert.Throws<ArgumentException>(() => store.OpenRead("../../etc/passwd"));
    }
}
