using AutomationFleet.Core.WorkItems;
using AutomationFleet.Storage.Sqlite;
using AutomationFleet.Storage.Tests.Contracts;

namespace AutomationFleet.Storage.Tests.Sqlite;

/// <summary>The maintenance contract (SLA sweep, retention, subject access) on SQLite.</summary>
[Trait("Category", "Integration")]
public sealed class SqliteFleetStoreMaintenanceTests : MaintenanceContractTests
{
    protected override async Task<StoreHarness> CreateStoreAsync() => await SqliteHarness.CreateAsync();

    [Fact]
    public async Task InitializeAsync_VersionSevenFile_MigratesAddingRedactedAtAndRetentionIndex()
    {
        await using var t = await TestStore.CreateAsync();
        await t.Store.EnqueueAsync(new NewWorkItem("post", "OLD", "{}"), "test", CancellationToken.None);
        await t.Store.DisposeAsync();
        using (var connection = t.OpenRaw())
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                DROP TABLE update_opt_outs; DROP TABLE update_sends; DROP INDEX ix_work_items_retention; ALTER TABLE work_items DROP COLUMN redacted_at;
                DROP TABLE expected_date_revisions; ALTER TABLE incidents DROP COLUMN text_vector; ALTER TABLE incidents DROP COLUMN text_vector_model;
                DELETE FROM schema_version; INSERT INTO schema_version (version, applied_at) VALUES (7, 0);
                """;
            command.ExecuteNonQuery();
        }

        await using var reopened = new SqliteFleetStore(t.Options, t.Time);
        await reopened.InitializeAsync(CancellationToken.None);

        Assert.Equal(1, t.Scalar("SELECT COUNT(*) FROM schema_version WHERE version = 8"));
        Assert.Equal(1, t.Scalar("SELECT COUNT(*) FROM pragma_table_info('work_items') WHERE name = 'redacted_at'"));
        Assert.Equal(1, t.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'ix_work_items_retention'"));
        Assert.NotNull(await reopened.FindAsync("OLD", CancellationToken.None));
    }

    [Fact]
    public async Task InitializeAsync_VersionEightFile_MigratesToDeleteTriggersThatLetOnlyThePurgeThrough()
    {
        await using var t = await TestStore.CreateAsync();
        var item = await t.EnqueueAsync("OLD", "post");
        await t.Store.DisposeAsync();
        using (var connection = t.OpenRaw())
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                DROP TABLE expected_date_revisions; ALTER TABLE incidents DROP COLUMN text_vector; ALTER TABLE incidents DROP COLUMN text_vector_model;
                DROP TABLE audit_purge_bound; DROP INDEX ix_audit_log_at; DROP INDEX ix_security_audit_at; DROP INDEX ix_incident_audit_at;
                DROP TRIGGER audit_log_no_delete;
                CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be deleted'); END;
                INSERT INTO audit_log (item_id, reference, at, actor, from_state, to_state, reason) VALUES ($item, 'OLD', 1514764800000, 'old', NULL, 0, 'old');
                DELETE FROM schema_version; INSERT INTO schema_version (version, applied_at) VALUES (8, 0);
                """;
            command.Parameters.AddWithValue("$item", item.Id);
            command.ExecuteNonQuery();
        }

        await using var reopened = new SqliteFleetStore(t.Options, t.Time);
        await reopened.InitializeAsync(CancellationToken.None);
        var purged = await reopened.PurgeAuditTrailAsync(new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero), "system:retention-purge", CancellationToken.None);

        Assert.Equal(1, t.Scalar("SELECT COUNT(*) FROM schema_version WHERE version = 9"));
        Assert.Equal(1, purged.ItemRows);
        Assert.Equal(0, t.Scalar("SELECT COUNT(*) FROM audit_purge_bound"));
        Assert.NotEmpty(await reopened.GetAuditTrailAsync(item.Id, CancellationToken.None));
    }
}
