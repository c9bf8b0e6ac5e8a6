using System.Collections.Concurrent;
using System.Globalization;
using AutomationFleet.Core.Files;
using AutomationFleet.Core.Metrics;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.SideEffects;
using AutomationFleet.Core.Users;
using AutomationFleet.Core.Workers;
using AutomationFleet.Core.WorkItems;
using Microsoft.Data.Sqlite;

namespace AutomationFleet.Storage.Sqlite;

/// <summary>
/// The embedded store: work queue, review queue, side-effect ledger, worker registry and incidents in one
/// SQLite file in WAL mode. One writer connection per store, serialised by a semaphore, runs every
/// write in a <c>BEGIN IMMEDIATE</c> transaction (concurrent calls share one: group commit); reads use a small pool of separate read-only
/// connections and never wait for writes. Other processes may open the same file: SQLite's file
/// locks and the busy timeout serialise their writes with ours. Times come from the injected
/// <see cref="TimeProvider"/> (the "database clock": every process on the machine shares it).
/// </summary>
/// <remarks>
/// Lease rule: an operation by a worker is accepted while the item is InProgress under that
/// worker's name, even if the lease time has run out, as long as no other worker has taken the
/// item yet. The lease is a visibility timeout: ownership passes only when another worker leases
/// the item (and that is audited); until then the late worker's result is still the only one.
/// </remarks>
public sealed partial class SqliteFleetStore : IWorkQueue, IReviewQueue, ISideEffectLedger, IWorkerRegistry, IFleetMetrics, IUserStore, IAsyncDisposable
{
    private const int MaxIdleReaders = 4;
    private const int MaxWriteBatch = 256;

    private readonly SqliteStoreOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly string _privateConnectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private readonly ConcurrentBag<SqliteConnection> _idleReaders = [];
    private readonly ConcurrentQueue<WriteRequest> _pendingWrites = new();
    private readonly Dictionary<string, SqliteCommand> _writeCommands = new(StringComparer.Ordinal);
    private SqliteConnection? _writer;
    private volatile bool _initialized;
    private volatile bool _disposed;

    /// <summary>Creates the store; no I/O happens until <see cref="InitializeAsync"/> or the first call.</summary>
    /// <param name="options">Where the database lives and how it commits.</param>
    /// <param name="timeProvider">The store's clock.</param>
    public SqliteFleetStore(SqliteStoreOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        SqliteRows.Register();
        _options = options;
        _timeProvider = timeProvider;
        var timeoutSeconds = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = options.FullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = Math.Max(1, timeoutSeconds),
        };
        ConnectionString = builder.ToString();

        // The store keeps its own long-lived connections, so ADO.NET pooling would only keep
        // files open after disposal.
        builder.Pooling = false;
        _privateConnectionString = builder.ToString();
    }

    /// <summary>
    /// A connection string for the same database file (full path, busy timeout), for other
    /// components that share it, such as Quartz's job store.
    /// </summary>
    public string ConnectionString { get; }

    /// <summary>
    /// Opens the database, switches it to WAL mode and creates the schema if missing. Idempotent,
    /// and safe when several processes start at once. Other methods call it on first use.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_initialized)
        {
            return;
        }

        await _initLock.WaitAsync(cancellationToken);
        try
        {
            if (_initialized)
            {
                return;
            }

            OpenOwnerOnly(_options.FullPath);

            var writer = OpenConnection(readOnly: false);
            try
            {
                var mode = Convert.ToString(Scalar(writer, "PRAGMA journal_mode = WAL;"), CultureInfo.InvariantCulture);
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException($"SQLite refused WAL mode for {_options.FullPath} (journal_mode is {mode}).");
                }

                Execute(writer, "BEGIN IMMEDIATE;");
                try
                {
                    Execute(writer, SqliteSchema.Create);
                    var stored = Scalar(writer, SqliteSchema.SelectVersion) is { } value and not DBNull
                        ? Convert.ToInt64(value, CultureInfo.InvariantCulture)
                        : 0;
                    if (stored > SqliteSchema.CurrentVersion)
                    {
                        throw new InvalidOperationException(
                            $"The database {_options.FullPath} has schema version {stored}; this build knows version {SqliteSchema.CurrentVersion}. Upgrade the fleet.");
                    }

                    // Create above added the base tables (IF NOT EXISTS); each later step the file lacks runs. A new file
                    // records only the version it now has; an older one a row per step, so its history shows the upgrade.
                    if (stored == 0)
                    {
                        foreach (var migration in SqliteSchema.Migrations)
                        {
                            Execute(writer, migration.Script);
                        }

                        InsertVersion(writer, SqliteSchema.CurrentVersion);
                    }
                    else
                    {
                        if (stored < SqliteSchema.BaseVersion)
                        {
                            InsertVersion(writer, SqliteSchema.BaseVersion);
                        }

                        foreach (var migration in SqliteSchema.Migrations.Where(m => m.Version > stored))
                        {
                            Execute(writer, migration.Script);
                            InsertVersion(writer, migration.Version);
                        }
                    }

                    Execute(writer, "COMMIT;");
                }
                catch
                {
                    RollBackIfOpen(writer);
                    throw;
                }
            }
            catch
            {
                await writer.DisposeAsync();
                throw;
            }

            _writer = writer;
            _initialized = true;
        }
        finally
        {
            _initLock.Release();
        }
    }

    /// <summary>Closes every connection. Waits for a write under way to finish.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        await _writeLock.WaitAsync();
        try
        {
            _disposed = true;
            foreach (var command in _writeCommands.Values)
            {
                await command.DisposeAsync();
            }

            _writeCommands.Clear();
            if (_writer is not null)
            {
                await _writer.DisposeAsync();
                _writer = null;
            }

            while (_idleReaders.TryTake(out var reader))
            {
                await reader.DisposeAsync();
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private long NowMilliseconds() => _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    private static long Milliseconds(TimeSpan span) => (long)Math.Ceiling(span.TotalMilliseconds);

    // The database and its folder are the fleet's alone (0600 / 0700): the document sandbox runs as another user and
    // must not read the store. SQLite gives the -wal and -shm files the mode of the database file, so making the file
    // here, before SQLite does, is what keeps all three owner-only; an older, wider install is narrowed.
    private static void OpenOwnerOnly(string databasePath)
    {
        var directory = Path.GetDirectoryName(databasePath);
        if (!string.IsNullOrEmpty(directory))
        {
            OwnerOnly.CreateFolder(directory);
        }

        if (!File.Exists(databasePath))
        {
            using (new FileStream(databasePath, OwnerOnly.NewFile(FileMode.CreateNew)))
            {
            }
        }

        foreach (var file in new[] { databasePath, databasePath + "-wal", databasePath + "-shm", databasePath + "-journal" })
        {
            OwnerOnly.NarrowFile(file);
        }
    }

    private SqliteConnection OpenConnection(bool readOnly)
    {
        var connection = new SqliteConnection(_privateConnectionString);
        try
        {
            connection.Open();
            var synchronous = _options.Synchronous == SqliteSynchronousMode.Full ? "FULL" : "NORMAL";
            var busy = Milliseconds(_options.BusyTimeout).ToString(CultureInfo.InvariantCulture);
            Execute(
                connection,
                $"PRAGMA busy_timeout = {busy}; PRAGMA synchronous = {synchronous}; PRAGMA foreign_keys = ON;"
                + (readOnly ? " PRAGMA query_only = ON;" : string.Empty));
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private void InsertVersion(SqliteConnection connection, int version)
    {
        using var insert = connection.CreateCommand();
        insert.CommandText = SqliteSchema.InsertVersion;
        insert.Bind("$version", version).Bind("$now", NowMilliseconds());
        insert.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void RollBackIfOpen(SqliteConnection connection)
    {
        // SQLite may already have rolled back on its own (e.g. disk full); only roll back an open transaction.
        if (SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) == 0)
        {
            Execute(connection, "ROLLBACK;");
        }
    }

    private async ValueTask EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_initialized)
        {
            await InitializeAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a <c>BEGIN IMMEDIATE</c> transaction on the writer connection
    /// and returns once it is committed. The store's "now" is read once per transaction, after the
    /// write lock is held, so commit order and time order agree.
    /// </summary>
    /// <remarks>
    /// Group commit: each call queues its work, then waits for the write lock. Whoever holds the lock
    /// runs everything queued so far (up to <see cref="MaxWriteBatch"/>) in one transaction, each
    /// piece under its own savepoint, so a piece that throws is rolled back alone and its caller gets
    /// the exception, while the others commit. A lone writer pays one transaction per call as before;
    /// concurrent writers share commits, which is what lets many consumers outrun one commit each.
    /// </remarks>
    private async Task<T> WriteAsync<T>(Func<long, T> work, CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var request = new WriteRequest(now => work(now), cancellationToken);
        _pendingWrites.Enqueue(request);

        // Not cancellable: once queued, another holder of the lock may already be running this work,
        // so the caller must wait for its true outcome. Each transaction is short.
        await _writeLock.WaitAsync(CancellationToken.None);
        try
        {
            while (!request.Done.Task.IsCompleted)
            {
                RunPendingWrites();
            }
        }
        finally
        {
            _writeLock.Release();
        }

        return (T)(await request.Done.Task)!;
    }

    /// <summary>Runs one batch of queued writes in one transaction. Call only while holding the write lock.</summary>
    private void RunPendingWrites()
    {
        var batch = new List<WriteRequest>();
        while (batch.Count < MaxWriteBatch && _pendingWrites.TryDequeue(out var next))
        {
            if (next.CancellationToken.IsCancellationRequested)
            {
                next.Done.TrySetCanceled(next.CancellationToken);
            }
            else
            {
                batch.Add(next);
            }
        }

        if (batch.Count == 0)
        {
            return;
        }

        if (_disposed || _writer is null)
        {
            foreach (var request in batch)
            {
                request.Done.TrySetException(new ObjectDisposedException(nameof(SqliteFleetStore)));
            }

            return;
        }

        var results = new object?[batch.Count];
        var errors = new Exception?[batch.Count];
        var writer = _writer;
        try
        {
            WriteCommand("BEGIN IMMEDIATE;").ExecuteNonQuery();
            var now = NowMilliseconds();
            if (batch.Count == 1)
            {
                results[0] = batch[0].Work(now);
            }
            else
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    WriteCommand("SAVEPOINT write_request;").ExecuteNonQuery();
                    try
                    {
                        results[i] = batch[i].Work(now);
                    }
#pragma warning disable CA1031 // The exception is handed to the caller whose work threw; the batch goes on.
                    catch (Exception error)
#pragma warning restore CA1031
                    {
                        errors[i] = error;
                        WriteCommand("ROLLBACK TO write_request;").ExecuteNonQuery();
                    }

                    WriteCommand("RELEASE write_request;").ExecuteNonQuery();
                }
            }

            WriteCommand("COMMIT;").ExecuteNonQuery();
        }
#pragma warning disable CA1031 // Nothing was committed: every caller in the batch gets the exception.
        catch (Exception error)
#pragma warning restore CA1031
        {
            try
            {
                RollBackIfOpen(writer);
            }
            catch (SqliteException)
            {
                // The original error is the one worth reporting; SQLite closes the transaction itself on fatal errors.
            }

            foreach (var request in batch)
            {
                request.Done.TrySetException(error);
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (errors[i] is { } error)
            {
                batch[i].Done.TrySetException(error);
            }
            else
            {
                batch[i].Done.TrySetResult(results[i]);
            }
        }
    }

    /// <summary>
    /// A prepared command on the writer connection, kept for reuse (SQLite keeps its compiled
    /// statement), with its parameters cleared. Only call while holding the write lock.
    /// </summary>
    private SqliteCommand WriteCommand(string sql)
    {
        if (!_writeCommands.TryGetValue(sql, out var command))
        {
            command = _writer!.CreateCommand();
            command.CommandText = sql;
            _writeCommands.Add(sql, command);
        }
        else
        {
            command.Parameters.Clear();
        }

        return command;
    }

    /// <summary>Runs a read on a pooled read-only connection; WAL lets it proceed while a write is under way.</summary>
    private async Task<T> ReadAsync<T>(Func<SqliteConnection, long, T> work, CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_idleReaders.TryTake(out var connection))
        {
            connection = OpenConnection(readOnly: true);
        }

        var healthy = false;
        try
        {
            var result = work(connection, NowMilliseconds());
            healthy = true;
            return result;
        }
        finally
        {
            if (healthy && !_disposed && _idleReaders.Count < MaxIdleReaders)
            {
                _idleReaders.Add(connection);

                // DisposeAsync may have emptied the pool between the check and the add.
                while (_disposed && _idleReaders.TryTake(out var late))
                {
                    await late.DisposeAsync();
                }
            }
            else
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static SqliteCommand ReadCommand(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private void InsertAudit(long itemId, string reference, long now, string actor, WorkItemChange change) =>
        InsertAudit(itemId, reference, now, actor, change.From, change.To, change.Reason);

    private void InsertAudit(long itemId, string reference, long now, string actor, WorkItemState? from, WorkItemState to, string reason)
    {
        WriteCommand(SqliteStatements.InsertAudit)
            .Bind("$item", itemId)
            .Bind("$reference", reference)
            .Bind("$at", now)
            .Bind("$actor", actor)
            .Bind("$from", from is null ? null : (int)from.Value)
            .Bind("$to", (int)to)
            .Bind("$reason", reason)
            .ExecuteNonQuery();
    }

    /// <summary>One caller's queued write and the completion it waits on.</summary>
    private sealed class WriteRequest(Func<long, object?> work, CancellationToken cancellationToken)
    {
        public Func<long, object?> Work { get; } = work;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public TaskCompletionSource<object?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
