using System.Data.Common;
using AutomationFleet.Core.Users;

namespace AutomationFleet.Storage.Tests.Contracts;

/// <summary><see cref="IUserStore"/>'s contract, run against every store by a subclass per store.</summary>
public abstract class UserStoreContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>A fresh, empty store on the harness's fake clock.</summary>
    protected abstract Task<StoreHarness> CreateStoreAsync();

    [Fact]
    public async Task AddUserAsync_ThenGrant_FoundCaseInsensitivelyWithQueuesAndAudited()
    {
        await using var t = await CreateStoreAsync();
        await t.Users.AddUserAsync("Rita", "hash-1", UserRole.Reviewer, "cli:admin", None);
        await t.Users.GrantQueueAsync("rita", "inbound-post", "cli:admin", None);
        await t.Users.GrantQueueAsync("RITA", "inbound-post", "cli:admin", None);

        var account = await t.Users.FindUserAsync("rITa", None);

        Assert.NotNull(account);
        Assert.Equal("Rita", account.Name);
        Assert.Equal(UserRole.Reviewer, account.Role);
        Assert.Equal(["inbound-post"], account.Queues);
        Assert.False(account.Disabled);
        Assert.Equal(StoreHarness.Start, account.CreatedAt);
        var audit = await t.Users.ListSecurityEventsAsync("Rita", 10, None);
        Assert.Equal("user-added", audit[^1].Action);
        Assert.Contains(audit, e => e.Action == "queue-granted" && e.Actor == "cli:admin");
    }

    [Fact]
    public async Task AddUserAsync_NameTakenInAnyCase_Throws()
    {
        await using var t = await CreateStoreAsync();
        await t.Users.AddUserAsync("ada", "h", UserRole.Administrator, "cli", None);

        await Assert.ThrowsAsync<UserExistsException>(() => t.Users.AddUserAsync("ADA", "h2", UserRole.Reviewer, "cli", None));
    }

    [Fact]
    public async Task GrantQueueAsync_UnknownAccount_ThrowsUserNotFound()
    {
        await using var t = await CreateStoreAsync();

        await Assert.ThrowsAsync<UserNotFoundException>(() => t.Users.GrantQueueAsync("nobody", "q", "cli", None));
        await Assert.ThrowsAsync<UserNotFoundException>(() => t.Users.SetUserDisabledAsync("nobody", true, "cli", None));
    }

    [Fact]
    public async Task RecordFailedSignInAsync_FifthFailure_LocksForTheLockoutAndRestartsTheCount()
    {
        await using var t = await CreateStoreAsync();
        await t.Users.AddUserAsync("lena", "h", UserRole.Reviewer, "cli", None);
        UserAccount? account = null;
        for (var i = 0; i < 4; i++)
        {
            account = await t.Users.RecordFailedSignInAsync("lena", 5, TimeSpan.FromMinutes(15), None);
        }

        Assert.Equal(4, account!.FailedSignIns);
        Assert.Null(account.LockedUntil);

        account = await t.Users.RecordFailedSignInAsync("lena", 5, TimeSpan.FromMinutes(15), None);

        Assert.Equal(0, account!.FailedSignIns);
        Assert.Equal(StoreHarness.Start.AddMinutes(15), account.LockedUntil);
        Assert.True(account.IsLockedOut(StoreHarness.Start.AddMinutes(14)));
        Assert.False(account.IsLockedOut(StoreHarness.Start.AddMinutes(15)));
    }

    [Fact]
    public async Task RecordSignInAsync_AfterFailures_ClearsCountAndLock()
    {
        await using var t = await CreateStoreAsync();
        await t.Users.AddUserAsync("lena", "h", UserRole.Reviewer, "cli", None);
        await t.Users.RecordFailedSignInAsync("lena", 1, TimeSpan.FromMinutes(15), None);

        await t.Users.RecordSignInAsync("lena", None);

        var account = await t.Users.FindUserAsync("lena", None);
        Assert.Equal(0, account!.FailedSignIns);
        Assert.Null(account.LockedUntil);
    }

    [Fact]
    public async Task RecordFailedSignInAsync_UnknownAccount_Null()
    {
        await using var t = await CreateStoreAsync();

        Assert.Null(await t.Users.RecordFailedSignInAsync("ghost", 5, TimeSpan.FromMinutes(15), None));
    }

    [Fact]
    public async Task SecurityAudit_UpdateOrDelete_Refused()
    {
        await using var t = await CreateStoreAsync();
        await t.Users.AppendSecurityEventAsync(new SecurityEvent("rita", "item-view", "inbox:1", "item page"), None);

        foreach (var sql in new[] { "UPDATE security_audit SET actor = 'x'", "DELETE FROM security_audit" })
        {
            var error = Assert.ThrowsAny<DbException>(() => t.Execute(sql));
            Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(1, t.Scalar("SELECT COUNT(*) FROM security_audit"));
    }
}
