using AutomationFleet.Core.SideEffects;
using AutomationFleet.Core.WorkItems;
using Dapper;
using DbUp;
using DbUp.Engine;
using DbUp.Support;
using Npgsql;

namespace AutomationFleet.Storage.Postgres;

/// <summary>
/// The fleet store on PostgreSQL, for a fleet across machines: the same contracts as
/// <see cref="Sqlite.SqliteFleetStore"/>, persisted and queried with plain SQL (Dapper for rows) through one
/// <see cref="NpgsqlDataSource"/>. Every write is one transaction on a pooled connection; rows a rule reads are locked
/// (<c>FOR UPDATE</c>), and the lease takes its batch with <c>FOR UPDATE SKIP LOCKED</c>, so workers on many machines
/// never take the same item. Times come from the injected <see cref="TimeProvider"/>, read once per transaction, exactly
/// as in the SQLite store (see the project README: the clock decision); the database's <c>now()</c> is never used.
/// </summary>
/// <remarks>
/// Lease rule as in SQLite: an operation by a worker is accepted while the item is InProgress under that worker's name,
/// even if the lease time has run out, as long as no other worker has taken the item yet.
/// </remarks>
public sealed partial class PostgresFleetStore : IWorkQueue, ISideEffectLedger, IAsyncDisposable
{
    // Serialises schema upgrades of one database between every process that starts at once (pg_advisory_lock key).
    private const long SchemaLockKey = 0x466C_6565_7453_6368; // "FleetSch"

    private const string ScriptPrefix = "AutomationFleet.Storage.Postgres.Scripts.";
    private const string AlwaysPrefix = ScriptPrefix + "Always.";

    private readonly string _migrationConnectionString;
    private readonly TimeProvider _timeProvider;
    private readonly NpgsqlDataSource _dataSource;
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private volatile bool _initialized;
    private volatile bool _disposed;

    /// <summary>Creates the store; no I/O happens until <see cref="InitializeAsync"/> or the first call.</summary>
    /// <param name="options">The database to use.</param>
    /// <param name="timeProvider">The store's clock.</param>
    public PostgresFleetStore(PostgresStoreOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        PostgresRows.Register();
        _migrationConnectionString = string.IsNullOrWhiteSpace(options.MigrationConnectionString)
            ? options.ConnectionString
            : options.MigrationConnectionString;
        _timeProvider = timeProvider;
        _dataSource = NpgsqlDataSource.Create(WithPoolDefaults(options.ConnectionString));
    }

    /// <summary>
    /// The store's defaults for its own pool, unless the connection string names them: <c>Max Auto Prepare=32</c>
    /// (Npgsql prepares the statements it sees most, so the server stops parsing and planning the same few statements
    /// per item) and <c>No Reset On Close=true</c> (no <c>DISCARD</c>-style reset sent with the next command after each
    /// return to the pool: the store leaves no session state behind — no <c>SET</c>, no temp tables, advisory locks only
    /// per transaction except the upgrade's, which it releases). Measured on the queue peer benchmark (issue 12).
    /// Behind a pooler that cannot keep prepared statements (PgBouncer in transaction mode before 1.21), set
    /// <c>Max Auto Prepare=0</c> in the connection string.
    /// </summary>
    internal static string WithPoolDefaults(string connectionString)
    {
        var named = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>()
            .Select(key => key.Replace(" ", string.Empty, StringComparison.Ordinal))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!named.Contains("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 32;
        }

        if (!named.Contains("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// The versioned schema scripts this build knows, in the order they run (embedded <c>Postgres/Scripts/*.sql</c>; DbUp
    /// journals each by name in <c>schema_versions</c>). <c>Postgres/Scripts/Always/*.sql</c> (the grants) run after them
    /// at every start and are not journalled.
    /// </summary>
    public static IReadOnlyList<string> SchemaScripts { get; } = typeof(PostgresFleetStore).Assembly.GetManifestResourceNames()
        .Where(IsSchemaScript)
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>
    /// Brings the schema up to date with DbUp, under a session advisory lock so machines that start together upgrade
    /// once, as <see cref="PostgresStoreOptions.MigrationConnectionString"/>'s account when it is set. Refuses a database
    /// that has run a script this build does not know (a newer fleet upgraded it). Idempotent; other methods call it on
    /// first use.
    /// </summary>
    /// <exception cref="InvalidOperationException">The database is newer than this build, or a script failed.</exception>
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

            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@key);", new { key = SchemaLockKey }, cancellationToken: cancellationToken));
            try
            {
                Upgrade();
            }
            finally
            {
                await connection.ExecuteAsync("SELECT pg_advisory_unlock(@key);", new { key = SchemaLockKey });
            }

            _initialized = true;
        }
        finally
        {
            _initLock.Release();
        }
    }

    /// <summary>Closes the connection pool.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _dataSource.DisposeAsync();
        _initLock.Dispose();
    }

    private static bool IsSchemaScript(string resource) =>
        resource.StartsWith(ScriptPrefix, StringComparison.Ordinal)
        && !resource.StartsWith(AlwaysPrefix, StringComparison.Ordinal)
        && resource.EndsWith(".sql", StringComparison.Ordinal);

    private static bool IsAlwaysScript(string resource) =>
        resource.StartsWith(AlwaysPrefix, StringComparison.Ordinal) && resource.EndsWith(".sql", StringComparison.Ordinal);

    private void Upgrade()
    {
        var upgrader = DeployChanges.To
            .PostgresqlDatabase(_migrationConnectionString)
            .WithScriptsEmbeddedInAssembly(typeof(PostgresFleetStore).Assembly, IsSchemaScript)
            .WithScriptsEmbeddedInAssembly(
                typeof(PostgresFleetStore).Assembly,
                IsAlwaysScript,
                new SqlScriptOptions { ScriptType = ScriptType.RunAlways, RunGroupOrder = DbUpDefaults.DefaultRunGroupOrder + 1 })
            .JournalToPostgresqlTable("public", "schema_versions")
            .WithTransaction()
            .WithVariablesDisabled()
            .LogToNowhere()
            .Build();

        var unknown = upgrader.GetExecutedScripts().Except(SchemaScripts, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"The database has schema scripts this build does not know ({string.Join(", ", unknown)}): a newer fleet upgraded it. "
                + $"This build knows {SchemaScripts.Count} script(s), the last {SchemaScripts[^1]}. Upgrade the fleet.");
        }

        DatabaseUpgradeResult result = upgrader.PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"Schema script {result.ErrorScript?.Name} failed: {result.Error.Message}", result.Error);
        }
    }

    private long NowMilliseconds() => _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    private static long Milliseconds(TimeSpan span) => (long)Math.Ceiling(span.TotalMilliseconds);

    private async ValueTask EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_initialized)
        {
            await InitializeAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction (read committed) on a pooled connection and returns once it is
    /// committed; an exception rolls it all back. The store's "now" is read once, as the transaction begins.
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<Session, Task<T>> work, CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await work(new Session(connection, transaction, NowMilliseconds(), cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// Runs a write that is one statement on a pooled connection with no <c>BEGIN</c>/<c>COMMIT</c> around it: PostgreSQL
    /// runs a lone statement as its own transaction, so it is as atomic as <see cref="WriteAsync{T}"/> in one round trip
    /// instead of two (or three). Used where the statement alone carries the whole change (a data-modifying CTE writes
    /// a row and its audit entry together). Returns once it is committed.
    /// </summary>
    private Task<T> WriteOneAsync<T>(Func<Session, Task<T>> statement, CancellationToken cancellationToken) =>
        ReadAsync(statement, cancellationToken);

    /// <summary>Runs a read on a pooled connection (each statement sees the last commit).</summary>
    private async Task<T> ReadAsync<T>(Func<Session, Task<T>> work, CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await work(new Session(connection, null, NowMilliseconds(), cancellationToken));
    }

    /// <summary>One unit of work: its connection, its transaction (null for reads), its "now" and its cancellation.</summary>
    private sealed class Session(NpgsqlConnection connection, NpgsqlTransaction? transaction, long now, CancellationToken cancellationToken)
    {
        public long Now { get; } = now;

        public Task<int> ExecuteAsync(string sql, object? parameters = null) =>
            connection.ExecuteAsync(Command(sql, parameters));

        public Task<T?> ScalarAsync<T>(string sql, object? parameters = null) =>
            connection.ExecuteScalarAsync<T>(Command(sql, parameters));

        public Task<T?> SingleOrDefaultAsync<T>(string sql, object? parameters = null) =>
            connection.QuerySingleOrDefaultAsync<T>(Command(sql, parameters));

        public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null) =>
            (await connection.QueryAsync<T>(Command(sql, parameters))).AsList();

        private CommandDefinition Command(string sql, object? parameters) =>
            new(sql, parameters, transaction, cancellationToken: cancellationToken);
    }
}
