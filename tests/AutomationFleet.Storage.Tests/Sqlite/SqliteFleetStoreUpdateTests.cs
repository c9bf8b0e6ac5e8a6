using AutomationFleet.Core.WorkItems;
using AutomationFleet.Storage.Sqlite;
using AutomationFleet.Storage.Tests.Contracts;

namespace AutomationFleet.Storage.Tests.Sqlite;

/// <summary>The proactive-updates contract on SQLite, and schema step 9 on a file the previous build left.</summary>
[Trait("Category", "Integration")]
public sealed class SqliteFleetStoreUpdateTests : UpdateStoreContractTests
{
    protected override async Task<StoreHarness> CreateStoreAsync() => await SqliteHarness.CreateAsync();

    [Fact]
    public async Task InitializeAsync_VersionEightFile_MigratesAddingTheUpdateTables()
    {
        await using var t = await TestStore.CreateAsync();
        await t.Store.EnqueueAsync(new NewWorkItem("post", "OLD", "{}"), "test", CancellationToken.None);
        await t.Store.DisposeAsync();
        using (var connection = t.OpenRaw())
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                DROP TABLE update_opt_outs; DROP TABLE update_sends;
                DROP TABLE expected_date_revisions; ALTER TABLE incidents DROP COLUMN text_vector; ALTER TABLE incidents DROP COLUMN text_vector_model;
                DELETE FROM schema_version; INSERT INTO schema_version (version, applied_at) VALUES (8, 0);
                """;
            command.ExecuteNonQuery();
        }

        await using var reopened = new SqliteFleetStore(t.Options, t.Time);
        await reopened.InitializeAsync(CancellationToken.None);

        Assert.Equal(1, t.Scalar("SELECT COUNT(*) FROM schema_version WHERE version = 9"));
        Assert.Equal(2, t.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('update_sends', 'update_opt_outs')"));
        Assert.NotNull(await reopened.FindAsync("OLD", CancellationToken.None));
    }
}
