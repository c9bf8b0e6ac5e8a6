using AutomationFleet.Core.WorkItems;
using AutomationFleet.Storage.Sqlite;

namespace AutomationFleet.Connectors.Tests.Mail;

/// <summary>A real SQLite store and file blob store in a temporary folder of their own.</summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("af-mail-store-").FullName;

    public TestStore()
    {
        Store = new SqliteFleetStore(new SqliteStoreOptions { Path = Path.Combine(_directory, "fleet.db") }, TimeProvider.System);
        Blobs = new FileBlobStore(Path.Combine(_directory, "blobs"));
    }

    public SqliteFleetStore Store { get; }

    public FileBlobStore Blobs { get; }

    public async Task<IReadOnlyList<WorkItem>> ItemsAsync(string queue = "inbound-post") =>
        await Store.ListAsync(WorkItemState.New, queue, 1000, CancellationToken.None);

    public async Task<byte[]> ReadBlobAsync(string contentHash)
    {
        await using var stream = Blobs.OpenRead(contentHash);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
