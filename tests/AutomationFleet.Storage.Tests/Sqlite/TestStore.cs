using AutomationFleet.Core.WorkItems;
using AutomationFleet.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace AutomationFleet.Storage.Tests.Sqlite;

/// <summary>A real SQLite store in a fresh temporary folder, on a fake clock; the folder goes on dispose.</summary>
internal sealed class TestStore : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private TestStore(string directory, FakeTimeProvider time, SqliteFleetStore store, SqliteStoreOptions options)
    {
        Directory = directory;
        Time = time;
        Store = store;
        Options = options;
    }

    public string Directory { get; }

    public FakeTimeProvider Time { get; }

    public SqliteFleetStore Store { get; }

    public SqliteStoreOptions Options { get; }

    public static async Task<TestStore> CreateAsync(TimeProvider? time = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "af-storage-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var fake = new FakeTimeProvider(Start);
        var options = new SqliteStoreOptions { Path = Path.Combine(directory, "fleet.db") };
        var store = new SqliteFleetStore(options, time ?? fake);
        await store.InitializeAsync(CancellationToken.None);
        return new TestStore(directory, fake, store, options);
    }

    public async Task<WorkItem> EnqueueAsync(string reference, string queue = "q", int priority = 0, DateTimeOffset? due = null)
    {
        var result = await Store.EnqueueAsync(new NewWorkItem(queue, reference, "{\"n\":1}", Priority: priority, DueAt: due), "test", CancellationToken.None);
        return result.Item;
    }

    /// <summary>A separate raw connection to the same file, for assertions the contracts do not expose.</summary>
    public SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Options.FullPath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public long Scalar(string sql)
    {
        using var connection = OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
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
            // Best effort: a leftover temp folder is not worth failing a test over.
        }
    }
}
