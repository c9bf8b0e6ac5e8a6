using AutomationFleet.Storage.Postgres;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace AutomationFleet.Storage.Tests.Postgres;

/// <summary>The schema upgrade (DbUp): an empty database, stores starting together, a database newer than the build.</summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresFleetStoreSchemaTests(PostgresServer server)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task InitializeAsync_EmptyDatabaseFourStoresAtOnce_EveryScriptRunsOnce()
    {
        var connectionString = await server.CreateDatabaseAsync(migrated: false);
        var stores = Enumerable.Range(0, 4).Select(_ => NewStore(connectionString)).ToList();
        try
        {
            await Task.WhenAll(stores.Select(store => store.InitializeAsync(None)));
            await stores[0].InitializeAsync(None);

            Assert.NotEmpty(PostgresFleetStore.SchemaScripts);
            Assert.Equal(PostgresFleetStore.SchemaScripts, await JournalAsync(connectionString));
            Assert.Null(await stores[1].FindAsync("none", None));
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task InitializeAsync_DatabaseUpgradedByNewerBuild_RefusedNamingTheScript()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "INSERT INTO schema_versions (scriptname, applied) VALUES ('AutomationFleet.Storage.Postgres.Scripts.9999_from_the_future.sql', now());",
                connection);
            await command.ExecuteNonQueryAsync();
        }

        await using var store = NewStore(connectionString);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.InitializeAsync(None));
        Assert.Contains("9999_from_the_future", error.Message, StringComparison.Ordinal);
        Assert.Contains("Upgrade the fleet", error.Message, StringComparison.Ordinal);
    }

    private static PostgresFleetStore NewStore(string connectionString) =>
        new(new PostgresStoreOptions { ConnectionString = connectionString }, new FakeTimeProvider());

    private static async Task<List<string>> JournalAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT scriptname FROM schema_versions ORDER BY schemaversionsid;", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
