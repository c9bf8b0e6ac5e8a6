using AutomationFleet.Storage.Sqlite;

namespace AutomationFleet.Worker.Tests;

/// <summary>A real SQLite fleet database (and blob folder) in a fresh temporary directory.</summary>
public sealed class TempFleetDatabase : IAsyncDisposable
{
    private TempFleetDatabase(string directory, SqliteStoreOptions options, SqliteFleetStore store)
    {
        Directory = directory;
        Options = options;
        Store = store;
    }

    public string Directory { get; }

    public SqliteStoreOptions Options { get; }

    public SqliteFleetStore Store { get; }

    public FileBlobStore Blobs => new(Options.FullBlobDirectory);

    public static async Task<TempFleetDatabase> CreateAsync(TimeProvider? timeProvider = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "fleet-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var options = new SqliteStoreOptions { Path = Path.Combine(directory, "fleet.db") };
        var store = new SqliteFleetStore(options, timeProvider ?? TimeProvider.System);
        await store.InitializeAsync(CancellationToken.None);
        return new TempFleetDatabase(directory, options, store);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finalising connection: the temp folder is cleaned by the OS.
        }
    }
}
