using AutomationFleet.Core.Review;
using AutomationFleet.Core.Users;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Storage.Sqlite;
using AutomationFleet.Storage.Tests.Contracts;

namespace AutomationFleet.Storage.Tests.Sqlite;

/// <summary>Review supervision on SQLite, and the migration of a version-2 file that adds services.</summary>
[Trait("Category", "Integration")]
public sealed class SqliteFleetStoreSupervisionTests : ReviewSupervisionContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected override async Task<StoreHarness> CreateStoreAsync() => await SqliteHarness.CreateAsync();

    [Fact]
    public async Task InitializeAsync_VersionTwoFile_MigratesAddingServiceKeepingOpenTasks()
    {
        await using var harness = await SqliteHarness.CreateAsync();
        var t = harness.Test;
        var old = await InReviewAsync(harness, "OLD", service: null);
        await t.Store.AddUserAsync("rita", "h", UserRole.Reviewer, "test", None);
        await t.Store.DisposeAsync();
        using (var connection = t.OpenRaw())
        {
            // The version-2 shape: none of the later steps' tables or columns.
            using var command = connection.CreateCommand();
            command.CommandText = """
                DROP TABLE update_opt_outs; DROP TABLE update_sends; DROP INDEX ix_work_items_retention; ALTER TABLE work_items DROP COLUMN redacted_at; DROP TABLE incident_audit; DROP TABLE incident_reports; DROP TABLE incidents;
                DROP TABLE threshold_overrides;
                DROP INDEX ix_review_tasks_counts; ALTER TABLE review_tasks DROP COLUMN service; ALTER TABLE review_tasks DROP COLUMN queue;
                DROP TABLE user_services;
                ALTER TABLE users DROP COLUMN session_stamp; ALTER TABLE users DROP COLUMN external_issuer; ALTER TABLE users DROP COLUMN external_subject; ALTER TABLE users DROP COLUMN totp_secret; ALTER TABLE users DROP COLUMN totp_last_step; DROP TABLE user_recovery_codes;
                DELETE FROM schema_version; INSERT INTO schema_version (version, applied_at) VALUES (2, 0);
                """;
            command.ExecuteNonQuery();
        }

        Assert.Equal(0, t.Scalar("SELECT COUNT(*) FROM pragma_table_info('review_tasks') WHERE name = 'service'"));
        await using var reopened = new SqliteFleetStore(t.Options, t.Time);
        await reopened.InitializeAsync(None);
        await reopened.GrantServiceAsync("rita", "Highways", "cli", None);
        var item = (await reopened.EnqueueAsync(new NewWorkItem("post", "NEW", "{}"), "test", None)).Item;
        Assert.Single(await reopened.LeaseAsync("post", "w1", 1, TimeSpan.FromMinutes(5), None));
        await reopened.SendToReviewAsync(item.Id, "w1", Request("Highways"), None);

        Assert.Equal(SqliteSchema.CurrentVersion, t.Scalar("SELECT MAX(version) FROM schema_version"));
        Assert.Equal(1, t.Scalar("SELECT COUNT(*) FROM schema_version WHERE version = 4"));
        Assert.Equal(1, t.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'ix_review_tasks_counts'"));
        Assert.Null((await reopened.GetAsync(old.Id, None))!.Request.Service);
        Assert.Equal(0, t.Scalar("SELECT COUNT(*) FROM review_tasks WHERE queue IS NULL OR queue <> 'post'"));
        Assert.Contains(new ReviewCount("inbound-post", "pothole", null, 1, 0, 0), await reopened.CountAsync(new ReviewFilter(Queues: ["post"]), None));
        Assert.Equal(
            [item.Id],
            (await reopened.ListAsync(new ReviewFilter(Queues: []) { Services = (await reopened.FindUserAsync("rita", None))!.Services }, None))
                .Select(x => x.ItemId));
        Assert.Equal(2, (await reopened.ListAsync(new ReviewFilter(), None)).Count);
    }
}
