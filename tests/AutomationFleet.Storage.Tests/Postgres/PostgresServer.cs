using AutomationFleet.Storage.Postgres;
using AutomationFleet.TestSupport;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace AutomationFleet.Storage.Tests.Postgres;

/// <summary>
/// The test run's PostgreSQL server (the collection fixture): one <see cref="LoopbackPostgresServer"/> (throw-away,
/// loopback, fsync off, <c>synchronous_commit</c> on; see there why), plus a template database the store's schema was
/// applied to once, so the many contract tests do not each run the upgrade.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string Template = "fleet_template";
    private readonly SemaphoreSlim _templateLock = new(1, 1);
    private LoopbackPostgresServer? _server;
    private bool _templateReady;

    /// <summary>The loopback port it listens on.</summary>
    public int Port => Server.Port;

    private LoopbackPostgresServer Server => _server ?? throw new InvalidOperationException("The server is not started.");

    /// <summary>A connection string for one database on this server.</summary>
    public string ConnectionString(string database) => Server.ConnectionString(database);

    /// <summary>
    /// A fresh database with a unique name; <paramref name="migrated"/> clones it from the template (the store's
    /// schema), otherwise it has no schema at all (for the upgrade's own tests).
    /// </summary>
    public async Task<string> CreateDatabaseAsync(bool migrated = true)
    {
        if (migrated)
        {
            await EnsureTemplateAsync();
        }

        return await Server.CreateDatabaseAsync("fleet", migrated ? Template : null);
    }

    /// <inheritdoc cref="LoopbackPostgresServer.RestartImmediateAsync"/>
    public Task RestartImmediateAsync() => Server.RestartImmediateAsync();

    /// <inheritdoc />
    public async Task InitializeAsync() => _server = await LoopbackPostgresServer.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _templateLock.Dispose();
    }

    private async Task EnsureTemplateAsync()
    {
        await _templateLock.WaitAsync();
        try
        {
            if (_templateReady)
            {
                return;
            }

            await Server.ExecuteAdminAsync($"CREATE DATABASE {Template};");
            await using (var store = new PostgresFleetStore(
                new PostgresStoreOptions { ConnectionString = Server.ConnectionString(Template) }, new FakeTimeProvider()))
            {
                await store.InitializeAsync(CancellationToken.None);
            }

            // A template may have no open sessions; DbUp's connections wait idle in Npgsql's pool.
            NpgsqlConnection.ClearAllPools();
            _templateReady = true;
        }
        finally
        {
            _templateLock.Release();
        }
    }
}
