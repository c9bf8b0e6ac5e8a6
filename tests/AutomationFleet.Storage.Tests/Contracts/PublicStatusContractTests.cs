using AutomationFleet.Core.Audit;
using AutomationFleet.Core.PublicStatus;

namespace AutomationFleet.Storage.Tests.Contracts;

/// <summary><see cref="IPublicStatusStore"/>'s contract, run against every store by a subclass per store.</summary>
public abstract class PublicStatusContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>A fresh, empty store on the harness's fake clock.</summary>
    protected abstract Task<StoreHarness> CreateStoreAsync();

    [Fact]
    public async Task GetItemAsync_ById_TheItemOrNull()
    {
        await using var t = await CreateStoreAsync();
        var item = await t.EnqueueAsync("form:1", "contact-forms");

        Assert.Equal("form:1", (await t.PublicStatus.GetItemAsync(item.Id, None))?.Reference);
        Assert.Null(await t.PublicStatus.GetItemAsync(item.Id + 1000, None));
    }

    [Fact]
    public async Task BeginStatusCheckAsync_MoreFailuresThanAllowedForOneReference_LimitedAndAudited()
    {
        await using var t = await CreateStoreAsync();
        for (var i = 0; i < 3; i++)
        {
            var attempt = await t.PublicStatus.BeginStatusCheckAsync("AF-000001", $"10.0.0.{i}", 3, Window, None);
            Assert.False(attempt.Limited);
            await t.PublicStatus.CompleteStatusCheckAsync(attempt.Id, null, None);
        }

        var fourth = await t.PublicStatus.BeginStatusCheckAsync("AF-000001", "10.0.0.9", 3, Window, None);

        Assert.True(fourth.Limited);
        var audit = await t.Users.ListSecurityEventsAsync("AF-000001", 10, None);
        Assert.Equal(3, audit.Count(e => e.Action == AuditActions.StatusCheckFailed));
        Assert.Single(audit, e => e.Action == AuditActions.StatusCheckLimited);
        Assert.All(audit, e => Assert.Equal(StatusCheckAudit.Actor, e.Actor));
    }

    [Fact]
    public async Task BeginStatusCheckAsync_MoreFailuresThanAllowedFromOneClient_LimitedForAnyReference()
    {
        await using var t = await CreateStoreAsync();
        for (var i = 0; i < 3; i++)
        {
            var attempt = await t.PublicStatus.BeginStatusCheckAsync($"AF-00000{i}", "10.0.0.1", 3, Window, None);
            await t.PublicStatus.CompleteStatusCheckAsync(attempt.Id, null, None);
        }

        Assert.True((await t.PublicStatus.BeginStatusCheckAsync("AF-000099", "10.0.0.1", 3, Window, None)).Limited);
        Assert.False((await t.PublicStatus.BeginStatusCheckAsync("AF-000099", "10.0.0.2", 3, Window, None)).Limited);
    }

    [Fact]
    public async Task BeginStatusCheckAsync_FailuresOlderThanTheWindow_AllowedAgain()
    {
        await using var t = await CreateStoreAsync();
        for (var i = 0; i < 4; i++)
        {
            var attempt = await t.PublicStatus.BeginStatusCheckAsync("AF-000001", "10.0.0.1", 3, Window, None);
            await t.PublicStatus.CompleteStatusCheckAsync(attempt.Id, null, None);
        }

        t.Time.Advance(Window + TimeSpan.FromSeconds(1));

        Assert.False((await t.PublicStatus.BeginStatusCheckAsync("AF-000001", "10.0.0.1", 3, Window, None)).Limited);
        Assert.Equal(1, t.Scalar("SELECT COUNT(*) FROM status_checks"));
    }

    [Fact]
    public async Task CompleteStatusCheckAsync_Found_NotCountedAsFailureAndCountedAsLookUp()
    {
        await using var t = await CreateStoreAsync();
        var item = await t.EnqueueAsync("form:1", "contact-forms");
        await t.EnqueueAsync("form:2", "contact-forms");
        for (var i = 0; i < 5; i++)
        {
            var attempt = await t.PublicStatus.BeginStatusCheckAsync("AF-000001", "10.0.0.1", 3, Window, None);
            Assert.False(attempt.Limited);
            await t.PublicStatus.CompleteStatusCheckAsync(attempt.Id, item.Id, None);
        }

        Assert.Equal(new StatusLookupCounts(5, 1, 2), await t.PublicStatus.CountStatusLookupsAsync(None));
        Assert.Empty(await t.Users.ListSecurityEventsAsync("AF-000001", 10, None));
    }

    [Fact]
    public async Task BeginStatusCheckAsync_ParallelGuesses_NoMoreComparesThanAllowed()
    {
        await using var t = await CreateStoreAsync();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(_ => t.PublicStatus.BeginStatusCheckAsync("AF-000001", "10.0.0.1", 3, Window, None)));

        Assert.Equal(3, attempts.Count(a => !a.Limited));
    }
}
