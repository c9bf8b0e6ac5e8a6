using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text;
using AutomationFleet.Core.Files;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Storage.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace AutomationFleet.Storage.Tests.Sqlite;

/// <summary>
/// The store is the fleet's alone: the document sandbox runs as <c>nobody</c> when the fleet is root, and must not read
/// the database or the blobs (issue 13 §1).
/// </summary>
[Trait("Category", "Integration")]
[UnsupportedOSPlatform("windows")]
public sealed class SqliteFleetStoreFileModeTests : IDisposable
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode File0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode WorldReadableFolder = Folder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
    private const UnixFileMode WorldReadableFile = File0600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode SharedTemporary = (UnixFileMode)0b1_111_111_111;

    // The test's own folder is world-traversable (as /tmp and a checkout are), so only the store's modes keep others out.
    private readonly string _root = Directory.CreateDirectory(
        Path.Combine(Path.GetTempPath(), "af-modes-" + Guid.NewGuid().ToString("N")), WorldReadableFolder).FullName;

    [Fact]
    public async Task InitializeAsync_FreshStoreInNewFolder_FoldersOwnerOnlyAndEveryFileReadWriteOwnerOnly()
    {
        var options = new SqliteStoreOptions { Path = Path.Combine(_root, "var", "fleet.db") };
        var (store, blob) = await FillAsync(options);
        await using var open = store;

        Assert.Equal(Folder, File.GetUnixFileMode(Path.Combine(_root, "var")));
        Assert.Equal(Folder, File.GetUnixFileMode(options.FullBlobDirectory));
        Assert.Equal(Folder, File.GetUnixFileMode(Path.GetDirectoryName(blob)!));
        foreach (var file in new[] { options.FullPath, options.FullPath + "-wal", options.FullPath + "-shm", blob })
        {
            Assert.True(File.Exists(file), file);
            Assert.Equal(File0600, File.GetUnixFileMode(file));
        }
    }

    [Fact]
    public async Task InitializeAsync_ExistingStoreWorldReadable_NarrowedToOwnerOnly()
    {
        var options = new SqliteStoreOptions { Path = Path.Combine(_root, "var", "fleet.db") };
        await (await FillAsync(options)).Store.DisposeAsync();
        File.SetUnixFileMode(Path.Combine(_root, "var"), WorldReadableFolder);
        File.SetUnixFileMode(options.FullPath, WorldReadableFile);

        await using (var reopened = new SqliteFleetStore(options, new FakeTimeProvider(TestStore.Start)))
        {
            await reopened.InitializeAsync(CancellationToken.None);
        }

        Assert.Equal(Folder, File.GetUnixFileMode(Path.Combine(_root, "var")));
        Assert.Equal(File0600, File.GetUnixFileMode(options.FullPath));
    }

    [SkippableFact]
    public async Task InitializeAsync_FreshStore_NobodyCannotReadTheDatabaseNorItsBlobs()
    {
        Skip.IfNot(Environment.UserName == "root", "Only root can run a process as nobody (setpriv); CI runs as root.");
        Skip.IfNot(File.Exists("/usr/bin/setpriv"), "setpriv (util-linux) is not installed.");
        var options = new SqliteStoreOptions { Path = Path.Combine(_root, "var", "fleet.db") };
        var (store, blob) = await FillAsync(options);
        await using var open = store;
        var control = Path.Combine(_root, "control.txt");
        File.WriteAllText(control, "readable by anyone");
        File.SetUnixFileMode(control, WorldReadableFile);

        var (controlExit, _) = await CatAsNobodyAsync(control);
        var (databaseExit, databaseError) = await CatAsNobodyAsync(options.FullPath);
        var (blobExit, blobError) = await CatAsNobodyAsync(blob);

        Assert.Equal(0, controlExit);
        Assert.NotEqual(0, databaseExit);
        Assert.Contains("Permission denied", databaseError, StringComparison.Ordinal);
        Assert.NotEqual(0, blobExit);
        Assert.Contains("Permission denied", blobError, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateFolder_ExistingFolderWithWiderModes_NarrowedAndParentsLeftAlone()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "outbox"), WorldReadableFolder).FullName;

        OwnerOnly.CreateFolder(folder);

        Assert.Equal(Folder, File.GetUnixFileMode(folder));
        Assert.Equal(WorldReadableFolder, File.GetUnixFileMode(_root));
    }

    [Fact]
    public async Task InitializeAsync_StoreStraightInSharedStickyFolderLikeTmp_FolderLeftSharedFilesOwnerOnly()
    {
        // A test or an administrator may put fleet.db straight into /tmp: narrowing /tmp to 0700 would lock every
        // other account (PostgreSQL's, the sandbox's) out of it.
        var shared = Directory.CreateDirectory(Path.Combine(_root, "tmp"), SharedTemporary).FullName;
        File.SetUnixFileMode(shared, SharedTemporary);
        var options = new SqliteStoreOptions { Path = Path.Combine(shared, "fleet.db") };
        var (store, _) = await FillAsync(options);
        await using var open = store;

        Assert.Equal(SharedTemporary, File.GetUnixFileMode(shared));
        Assert.Equal(File0600, File.GetUnixFileMode(options.FullPath));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the OS cleans the temp folder.
        }
    }

    // An open store (its write-ahead log and shared memory in use) with an item and one blob, and the blob's path.
    private static async Task<(SqliteFleetStore Store, string Blob)> FillAsync(SqliteStoreOptions options)
    {
        var store = new SqliteFleetStore(options, new FakeTimeProvider(TestStore.Start));
        await store.InitializeAsync(CancellationToken.None);
        await store.EnqueueAsync(new NewWorkItem("q", "item-1", "{\"n\":1}"), "test", CancellationToken.None);
        var blobs = new FileBlobStore(options.FullBlobDirectory);
        var stored = await blobs.PutAsync("letter.txt", "text/plain", new MemoryStream(Encoding.UTF8.GetBytes("Dear council")), CancellationToken.None);
        Assert.True(File.Exists(options.FullPath + "-wal"));
        return (store, Path.Combine(options.FullBlobDirectory, stored.ContentHash[..2], stored.ContentHash));
    }

    private static async Task<(int ExitCode, string Error)> CatAsNobodyAsync(string path)
    {
        var start = new ProcessStartInfo("/usr/bin/setpriv") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "--reuid=65534", "--regid=65534", "--clear-groups", "--", "/bin/cat", path })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await error);
    }
}
