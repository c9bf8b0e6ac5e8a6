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
    public async Task BeginSignInAttemptAsync_FifthAttempt_LocksForTheLockoutAndRestartsTheCount()
    {
        await using var t = await CreateStoreAsync();
        await t.Users.AddUserAsync("lena", "h", UserRole.Reviewer, "cli", None);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(SignInAttempt.Allowed, await t.Users.BeginSignInAttemptAsync("lena", 5, TimeSpan.FromMinutes(15), None));
        }

        Assert.Equal(4, (await t.Users.FindUserAsync("lena", None))!.FailedSignIns);

        Assert.Equal(SignInAttempt.AllowedThenLocked, await t.Users.BeginSignInAttemptAsync("lena", 5, TimeSpan.FromMinutes(15), None));

        var account = await t.Users.FindUserAsync("lena", None);
        Assert.Equal(0, account!.FailedSignIns);
        Assert.Equal(StoreHarness.Start.AddMinutes(15), account.LockedUntil);
        Assert.True(account.IsLockedOut(StoreHarness.Start.AddMinutes(14)));
        Assert.Equal(SignInAttempt.Locked, await t.Users.BeginSignInAttemptAsync("lena", 5, TimeSpan.FromMinutes(15), None));
        t.Time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(SignInAttempt.Allowed, await t.Users.BeginSignInAttemptAsync("lena", 5, TimeSpan.FromMinutes(15), None));
        Assert.Equal(1, (await t.Users.FindUserAsync("lena", None))!.FailedSignIns);
    }

    [Fact]
    public async Task BeginSignInAttemptAsync_ParallelGuesses_ExactlyTheLimitGetThrough()
    {
        await using var t = await CreateStoreAsync();
        await t.Users.AddUserAsync("lena", "h", UserRole.Reviewer, "cli", None);
        const int Limit = 5;
        const int Guesses = 40;
        using var start = new ManualResetEventSlim();

        var attempts = Enumerable.Range(0, Guesses)
            .Select(_ => Task.Run(async () =>
            {
                start.Wait();
                return await t.Users.BeginSignInAttemptAsync("lena", Limit, TimeSpan.FromMinutes(15), None);
            }))
            .ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        Assert.Equal(Limit - 1, results.Count(r => r == SignInAttempt.Allowed));
        Assert.Equal(1, results.Count(r => r == SignInAttempt.AllowedThenLocked));
        Assert.Equal(Guesses - Limit, results.Count(r => r == SignInAttempt.Locked));
        Assert.True((await t.Users.FindUserAsync("lena", None))!.IsLockedOut(StoreHarness.Start.AddMinutes(14)));
    }

    [Fact]
    public async Task RecordSignInAsync_AfterFailures_ClearsCountAndLock()
    {
        await using var t = await CreateStoreAsync();
        await t.Users.AddUserAsync("lena", "h", UserRole.Reviewer, "cli", None);
        await t.Users.BeginSignInAttemptAsync("lena", 1, TimeSpan.FromMinutes(15), None);

        await t.Users.RecordSignInAsync("lena", None);

        var account = await t.Users.FindUserAsync("lena", None);
        Assert.Equal(0, account!.FailedSignIns);
        Assert.Null(account.LockedUntil);
    }

    [Fact]
    public async Task BeginSignInAttemptAsync_UnknownAccount_UnknownAccount()
    {
        await using var t = await CreateStoreAsync();

        Assert.Equal(SignInAttempt.UnknownAccount, await t.Users.BeginSignInAttemptAsync("ghost", 5, TimeSpan.FromMinutes(15), None));
    }

    [Fact]
    public async Task EndSessionsAsync_NewStampEachTimeAndAudited()
    {
        await using var t = await CreateStoreAsync();
        await t.Users.AddUserAsync("Rita", "h", UserRole.Reviewer, "cli", None);
        var before = (await t.Users.FindUserAsync("rita", None))!.SessionStamp;

        await t.Users.EndSessionsAsync("rita", "admin:ada", "ended by an administrator", None);
        var first = (await t.Users.FindUserAsync("rita", None))!.SessionStamp;
        await t.Users.EndSessionsAsync("rita", "Rita", "sign-out", None);
        var second = (await t.Users.FindUserAsync("rita", None))!.SessionStamp;

        Assert.NotEqual(before, first);
        Assert.NotEqual(first, second);
        Assert.Equal(32, second.Length);
        var audit = await t.Users.ListSecurityEventsAsync("Rita", 10, None);
        Assert.Contains(audit, e => e.Action == "sessions-ended" && e.Actor == "admin:ada" && e.Detail == "ended by an administrator");
        await Assert.ThrowsAsync<UserNotFoundException>(() => t.Users.EndSessionsAsync("nobody", "cli", "x", None));
    }

    [Fact]
    public async Task TryUseTotpStepAsync_SameOrOlderStep_RefusedOnce()
    {
        await using var t = await CreateStoreAsync();
        await t.Users.AddUserAsync("ada", "h", UserRole.Administrator, "cli", None);
        Assert.False(await t.Users.TryUseTotpStepAsync("ada", 10, None));
        await t.Users.EnrolTotpAsync("ADA", "JBSWY3DPEHPK3PXP", ["hash-1", "hash-2"], "ada", None);

        var uses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => t.Users.TryUseTotpStepAsync("ada", 11, None))));

        Assert.Single(uses, used => used);
        Assert.False(await t.Users.TryUseTotpStepAsync("ada", 10, None));
        Assert.True(await t.Users.TryUseTotpStepAsync("ada", 12, None));
        Assert.Equal("JBSWY3DPEHPK3PXP", (await t.Users.FindUserAsync("ada", None))!.TotpSecret);
        Assert.Contains(await t.Users.ListSecurityEventsAsync("ada", 10, None), e => e.Action == "mfa-enrolled" && e.Detail == "2 recovery codes");
    }

    [Fact]
    public async Task ReplaceStoredTotpSecretAsync_StillTheSameStoredForm_ReplacedOnceKeepingTheUsedStep()
    {
        await using var t = await CreateStoreAsync();
        await t.Users.AddUserAsync("ada", "h", UserRole.Administrator, "cli", None);
        Assert.False(await t.Users.ReplaceStoredTotpSecretAsync("ada", "JBSWY3DPEHPK3PXP", "dp1:protected", None));
        await t.Users.EnrolTotpAsync("ada", "JBSWY3DPEHPK3PXP", ["hash-1"], "ada", None);
        Assert.True(await t.Users.TryUseTotpStepAsync("ada", 11, None));

        var replaced = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => t.Users.ReplaceStoredTotpSecretAsync("ADA", "JBSWY3DPEHPK3PXP", "dp1:protected", None))));

        Assert.Single(replaced, r => r);
        Assert.Equal("dp1:protected", (await t.Users.FindUserAsync("ada", None))!.TotpSecret);
        Assert.False(await t.Users.TryUseTotpStepAsync("ada", 11, None));
    }

    [Fact]
    public async Task TryUseRecoveryCodeAsync_EachCodeOnceAndReenrolReplacesThem()
    {
        await using var t = await CreateStoreAsync();
        await t.Users.AddUserAsync("ada", "h", UserRole.Administrator, "cli", None);
        await t.Users.EnrolTotpAsync("ada", "JBSWY3DPEHPK3PXP", ["hash-1", "hash-2"], "ada", None);

        Assert.True(await t.Users.TryUseRecoveryCodeAsync("ada", "hash-1", None));
        Assert.False(await t.Users.TryUseRecoveryCodeAsync("ada", "hash-1", None));
        Assert.False(await t.Users.TryUseRecoveryCodeAsync("ada", "hash-9", None));
        await t.Users.EnrolTotpAsync("ada", "KRSXG5CTMVRXEZLU", ["hash-3"], "ada", None);
        Assert.False(await t.Users.TryUseRecoveryCodeAsync("ada", "hash-2", None));
        Assert.True(await t.Users.TryUseRecoveryCodeAsync("ada", "hash-3", None));
    }

    [Fact]
    public async Task BindExternalIdentityAsync_FirstBindsLaterKeepsTheFirst()
    {
        await using var t = await CreateStoreAsync();
        await t.Users.AddUserAsync("dora", "h", UserRole.Supervisor, "cli", None);
        var first = new ExternalIdentity("https://login.example/tenant", "sub-1");

        Assert.Equal(first, await t.Users.BindExternalIdentityAsync("DORA", first, None));
        Assert.Equal(first, await t.Users.BindExternalIdentityAsync("dora", new ExternalIdentity("https://login.example/tenant", "sub-2"), None));

        Assert.Equal(first, (await t.Users.FindUserAsync("dora", None))!.ExternalIdentity);
        Assert.Null(await t.Users.BindExternalIdentityAsync("ghost", first, None));
        var audit = await t.Users.ListSecurityEventsAsync("dora", 10, None);
        Assert.Single(audit, e => e.Action == "directory-bound");
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
