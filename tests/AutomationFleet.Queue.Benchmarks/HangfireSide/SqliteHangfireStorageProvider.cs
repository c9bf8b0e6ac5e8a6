using Hangfire.Storage.SQLite;
using SQLite;

namespace AutomationFleet.Queue.Benchmarks.HangfireSide;

/// <summary>
/// Hangfire.Storage.SQLite on a new file in a temp folder, with its defaults (WAL, a pool of sqlite-net connections)
/// except the queue poll interval, which the run sets (the default is 15 s). Its connections are opened the way its own
/// <c>SQLiteStorage(path, options)</c> constructor opens them; when the run asks for NORMAL or FULL, each new connection
/// also gets that <c>PRAGMA synchronous</c>. The description reports the setting read back from one of its connections.
/// </summary>
public sealed class SqliteHangfireStorageProvider(SynchronousSetting synchronous, TimeSpan queuePollInterval) : IHangfireStorageProvider
{
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(10);

    public HangfireStorageInstance Create()
    {
        var folder = Directory.CreateTempSubdirectory("hangfire-peer-bench-").FullName;
        var path = Path.Combine(folder, "hangfire.db");
        var pragma = synchronous switch
        {
            SynchronousSetting.Normal => "PRAGMA synchronous = NORMAL",
            SynchronousSetting.Full => "PRAGMA synchronous = FULL",
            _ => null,
        };
        var factory = new SQLiteDbConnectionFactory(() =>
        {
            var connection = new SQLiteConnection(
                path, SQLiteOpenFlags.ReadWrite | SQLiteOpenFlags.Create | SQLiteOpenFlags.NoMutex, storeDateTimeAsTicks: true)
            {
                BusyTimeout = BusyTimeout,
            };
            if (pragma is not null)
            {
                connection.Execute(pragma);
            }

            return connection;
        });
        var storage = new SQLiteStorage(factory, new SQLiteStorageOptions { QueuePollInterval = queuePollInterval });

        string journal;
        int level;
        using (var context = storage.CreateAndOpenConnection())
        {
            journal = context.Database.ExecuteScalar<string>("PRAGMA journal_mode");
            level = context.Database.ExecuteScalar<int>("PRAGMA synchronous");
        }

        var description = $"SQLite file, {journal.ToUpperInvariant()}, synchronous={SynchronousName(level)}, "
            + $"queue poll {queuePollInterval.TotalMilliseconds:0.###} ms";
        return new HangfireStorageInstance(storage, description, () =>
        {
            storage.Dispose();
            Directory.Delete(folder, recursive: true);
        });
    }

    private static string SynchronousName(int level) => level switch
    {
        0 => "off",
        1 => "normal",
        2 => "full",
        3 => "extra",
        _ => level.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
