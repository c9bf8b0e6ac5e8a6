using System.Text;
using AutomationFleet.Bots.Updates.Channels;

namespace AutomationFleet.Bots.Updates.Tests.Channels;

/// <summary>The outbox folder's writes on a real file system: once per name, whole, owner-only, with concurrent writers sharing folder syncs.</summary>
public sealed class OutboxFolderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("fleet-outbox-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task WriteOnceAsync_ConcurrentWritersThenARedo_EachFileWrittenOnceWholeAndTheRedoWritesNothing()
    {
        var sut = new OutboxFolder(Path.Combine(_root, "outbox", "updates"));

        var first = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() => WriteAsync(sut, i, "first"))));
        var redo = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() => WriteAsync(sut, i, "second"))));

        Assert.All(first, Assert.True);
        Assert.All(redo, Assert.False);
        var files = Directory.GetFiles(sut.FullPath);
        Assert.Equal(64, files.Length);
        Assert.All(files, f => Assert.Equal($"first {Path.GetFileNameWithoutExtension(f)}", File.ReadAllText(f)));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(Core.Files.OwnerOnly.FolderMode, File.GetUnixFileMode(sut.FullPath));
            foreach (var file in files)
            {
                Assert.Equal(Core.Files.OwnerOnly.FileMode, File.GetUnixFileMode(file));
            }
        }
    }

    private static Task<bool> WriteAsync(OutboxFolder sut, int i, string text) =>
        sut.WriteOnceAsync($"{i}.eml", stream => stream.WriteAsync(Encoding.UTF8.GetBytes($"{text} {i}")).AsTask(), CancellationToken.None);
}
