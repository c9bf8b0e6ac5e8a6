using AutomationFleet.TestSupport;
using Npgsql;

namespace AutomationFleet.Queue.Benchmarks.Postgres;

/// <summary>
/// The PostgreSQL server both sides use: the one <c>--connection</c> names (its account must be allowed to create
/// databases), or else a <see cref="LoopbackPostgresServer"/>, the tests' throw-away server (fsync off,
/// <c>synchronous_commit</c> on as in the fleet; both sides use the same server, so the settings are the same for both).
/// Each side gets its own new database per run.
/// </summary>
public sealed class PostgresBenchServer(string? connectionString) : IAsyncDisposable
{
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private LoopbackPostgresServer? _server;
    private string? _adminConnectionString = connectionString;

    /// <summary>How the server was chosen and what it commits with, for the report.</summary>
    public string Description { get; private set; } = string.Empty;

    /// <summary>Starts the throw-away server unless <c>--connection</c> was given; idempotent.</summary>
    public async Task EnsureStartedAsync(CancellationToken cancellationToken)
    {
        await _startLock.WaitAsync(cancellationToken);
        try
        {
            if (Description.Length > 0)
            {
                return;
            }

            if (_adminConnectionString is null)
            {
                _server = await LoopbackPostgresServer.StartAsync(cancellationToken: cancellationToken);
                _adminConnectionString = _server.AdminConnectionString;
            }

            await using var connection = new NpgsqlConnection(_adminConnectionString);
            await connection.OpenAsync(cancellationToken);
            var settings = new List<string>();
            foreach (var name in new[] { "fsync", "synchronous_commit", "full_page_writes" })
            {
                await using var command = new NpgsqlCommand("SELECT current_setting('" + name + "')", connection);
                settings.Add($"{name}={await command.ExecuteScalarAsync(cancellationToken)}");
            }

            Description = $"PostgreSQL {connection.PostgreSqlVersion} ({(_server is null ? "--connection" : "throw-away server")}, "
                + string.Join(", ", settings) + ")";
        }
        finally
        {
            _startLock.Release();
        }
    }

    /// <summary>A new, empty database named after <paramref name="prefix"/>; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix, CancellationToken cancellationToken)
    {
        await EnsureStartedAsync(cancellationToken);
        var name = prefix + "_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE {name};", cancellationToken);
        return _server?.ConnectionString(name) ?? new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database <see cref="CreateDatabaseAsync"/> made, closing whatever is still connected to it.</summary>
    public async Task DropDatabaseAsync(string databaseConnectionString)
    {
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(databaseConnectionString).Database;
        await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE);", CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _startLock.Dispose();
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
