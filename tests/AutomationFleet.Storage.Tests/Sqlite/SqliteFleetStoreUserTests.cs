using AutomationFleet.Core.Users;
using Microsoft.Data.Sqlite;

namespace AutomationFleet.Storage.Tests.Sqlite;

[Trait("Category", "Integration")]
public sealed class SqliteFleetStoreUserTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task AddUserAsync_ThenGrant_FoundCaseInsensitivelyWithQueuesAndAudited()
    {
        await using var t = await TestStore.CreateAsync();
        await t.Store.AddUserAsync("Rita", "hash-1", UserRole.Reviewer, "cli:admin", None);
        await t.Store.GrantQueueAsync("rita", "inbound-post", "cli:admin", None);
        await t.Store.GrantQueueAsync("RITA", "inbound-post", "cli:admin", None);

        var account = await t.Store.FindUserAsync("rITa", None);

        Assert.NotNull(account);
        Assert.Equal("Rita", account.Name);
        Assert.Equal(UserRole.Reviewer, account.Role);
        Assert.Equal(["inbound-post"], account.Queues);
        Assert.False(account.Disabled);
        Assert.Equal(TestStore.Start, account.CreatedAt);
        var audit = await t.Store.ListSecurityEventsAsync("Rita", 10, None);
        Assert.Equal("user-added", audit[^1].Action);
        Assert.Contains(audit, e => e.Action == "queue-granted" && e.Actor == "cli:admin");
    }

    [Fact]
    public async Task AddUserAsync_NameTakenInAnyCase_Throws()
    {
        await using var t = await TestStore.CreateAsync();
        await t.Store.AddUserAsync("ada", "h", UserRole.Administrator, "cli", None);

        await Assert.ThrowsAsync<UserExistsException>(() => t.Store.AddUserAsync("ADA", "h2", UserRole.Reviewer, "cli", None));
    }

    [Fact]
    public async Task GrantQueueAsync_UnknownAccount_ThrowsUserNotFound()
    {
        await using var t = await TestStore.CreateAsync();

        await Assert.ThrowsAsync<UserNotFoundException>(() => t.Store.GrantQueueAsync("nobody", "q", "cli", None));
        await Assert.ThrowsAsync<UserNotFoundException>(() => t.Store.SetUserDisabledAsync("nobody", true, "cli", None));
    }

    [Fact]
    public async Task RecordFailedSignInAsync_FifthFailure_LocksForTheLockoutAndRestartsTheCount()
    {
        await using var t = await TestStore.CreateAsync();
        await t.Store.AddUserAsync("lena", "h", UserRole.Reviewer, "cli", None);
        UserAccount? account = null;
        for (var i = 0; i < 4; i++)
        {
            account = await t.Store.RecordFailedSignInAsync("lena", 5, TimeSpan.FromMinutes(15), None);
        }

        Assert.Equal(4, account!.FailedSignIns);
        Assert.Null(account.LockedUntil);

        account = await t.Store.RecordFailedSignInAsync("lena", 5, TimeSpan.FromMinutes(15), None);

        Assert.Equal(0, account!.FailedSignIns);
        Assert.Equal(TestStore.Start.AddMinutes(15), account.LockedUntil);
        Assert.True(account.IsLockedOut(TestStore.Start.AddMinutes(14)));
        Assert.False(account.IsLockedOut(TestStore.Start.AddMinutes(15)));
    }

    [Fact]
    public async Task RecordSignInAsync_AfterFailures_ClearsCountAndLock()
    {
        await using var t = await TestStore.CreateAsync();
        await t.Store.AddUserAsync("lena", "h", UserRole.Reviewer, "cli", None);
        await t.Store.RecordFailedSignInAsync("lena", 1, TimeSpan.FromMinutes(15), None);

        await t.Store.RecordSignInAsync("lena", None);

        var account = await t.Store.FindUserAsync("lena", None);
        Assert.Equal(0, account!.FailedSignIns);
        Assert.Null(account.LockedUntil);
    }

    [Fact]
    public async Task RecordFailedSignInAsync_UnknownAccount_Null()
    {
        await using var t = await TestStore.CreateAsync();

        Assert.Null(await t.Store.RecordFailedSignInAsync("ghost", 5, TimeSpan.FromMinutes(15), None));
    }

    [Fact]
    public async Task SecurityAudit_UpdateOrDelete_RefusedByTriggers()
    {
        await using var t = await TestStore.CreateAsync();
        await t.Store.AppendSecurityEventAsync(new SecurityEvent("rita", "item-view", "inbox:1", "item page"), None);
        using var connection = t.OpenRaw();

        foreach (var sql in new[] { "UPDATE security_audit SET actor = 'x'", "DELETE FROM security_audit" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            var error = Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());
            Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(1, t.Scalar("SELECT COUNT(*) FROM security_audit"));
    }

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
                DROP TABLE incident_audit; DROP TABLE incident_reports; DROP TABLE incidents;
                DROP TABLE threshold_overrides; DROP INDEX ix_review_tasks_counts;
                ALTER TABLE review_tasks DROP COLUMN service; ALTER TABLE review_tasks DROP COLUMN queue; DROP TABLE user_services;
                DROP TABLE user_queues; DROP TABLE users; DROP TABLE security_audit;
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
