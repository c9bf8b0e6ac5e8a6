using AutomationFleet.Core.Users;
using AutomationFleet.Storage.Tests.Contracts;

namespace AutomationFleet.Storage.Tests.Sqlite;

/// <summary>The account store's contract on SQLite, and its migration of a version-1 file.</summary>
[Trait("Category", "Integration")]
public sealed class SqliteFleetStoreUserTests : UserStoreContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected override async Task<StoreHarness> CreateStoreAsync() => await SqliteHarness.CreateAsync();

    [Fact]
    public async Task InitializeAsync_VersionOneFile_MigratesToCurrentAddingPortalTables()
    {
        await using var t = await TestStore.CreateAsync();
        await t.Store.DisposeAsync();
        using (var connection = t.OpenRaw())
        {
            using var command = connection.CreateCommand();
            // The version-1 shape: no portal tables, and none of the later steps' tables or columns.
            command.CommandText = """
                DROP TABLE update_opt_outs; DROP TABLE update_sends; DROP INDEX ix_work_items_retention; ALTER TABLE work_items DROP COLUMN redacted_at; DROP TABLE incident_audit; DROP TABLE incident_reports; DROP TABLE incidents;
                DROP TABLE threshold_overrides; DROP INDEX ix_review_tasks_counts;
                ALTER TABLE review_tasks DROP COLUMN service; ALTER TABLE review_tasks DROP COLUMN queue; DROP TABLE user_services;
                DROP TABLE user_recovery_codes; DROP TABLE user_queues; DROP TABLE users; DROP TABLE security_audit;
                DELETE FROM schema_version; INSERT INTO schema_version (version, applied_at) VALUES (1, 0);
                """;
            command.ExecuteNonQuery();
        }

        await using var reopened = new Storage.Sqlite.SqliteFleetStore(t.Options, t.Time);
        await reopened.InitializeAsync(None);
        await reopened.AddUserAsync("ada", "h", UserRole.Administrator, "cli", None);

        Assert.Equal(Storage.Sqlite.SqliteSchema.CurrentVersion, t.Scalar("SELECT MAX(version) FROM schema_version"));
        Assert.NotNull(await reopened.FindUserAsync("ada", None));
    }
}
