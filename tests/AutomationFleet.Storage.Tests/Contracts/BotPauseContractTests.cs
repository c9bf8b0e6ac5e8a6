using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Bots;

namespace AutomationFleet.Storage.Tests.Contracts;

/// <summary><see cref="IBotPauseStore"/>'s contract, run against every store by a subclass per store.</summary>
public abstract class BotPauseContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>A fresh, empty store on the harness's fake clock.</summary>
    protected abstract Task<StoreHarness> CreateStoreAsync();

    [Fact]
    public async Task PauseBotAsync_NotPaused_ListedAndAudited()
    {
        await using var t = await CreateStoreAsync();

        var change = await t.Pauses.PauseBotAsync("inbound-post", "ada", "  supplier outage  ", None);

        Assert.True(change.Changed);
        var listed = Assert.Single(await t.Pauses.ListBotPausesAsync(None));
        Assert.Equal(new BotPause("inbound-post", "ada", StoreHarness.Start, "supplier outage"), listed);
        var audit = Assert.Single(await t.Users.ListSecurityEventsAsync(BotPause.AuditTarget("inbound-post"), 10, None));
        Assert.Equal(("ada", AuditActions.BotPaused, "reason: supplier outage"), (audit.Actor, audit.Action, audit.Detail));
    }

    [Fact]
    public async Task PauseBotAsync_AlreadyPausedOtherCase_KeepsTheFirstPauseAndAuditsNothing()
    {
        await using var t = await CreateStoreAsync();
        await t.Pauses.PauseBotAsync("inbound-post", "ada", "outage", None);
        t.Time.Advance(TimeSpan.FromMinutes(1));

        var again = await t.Pauses.PauseBotAsync("INBOUND-POST", "bob", "me too", None);

        Assert.False(again.Changed);
        Assert.Equal(("ada", "outage", StoreHarness.Start), (again.Pause.PausedBy, again.Pause.Reason, again.Pause.PausedAt));
        Assert.Single(await t.Pauses.ListBotPausesAsync(None));
        Assert.Single(await t.Users.ListSecurityEventsAsync(BotPause.AuditTarget("inbound-post"), 10, None));
    }

    [Fact]
    public async Task ResumeBotAsync_Paused_RemovedAndAuditedNamingWhoPaused()
    {
        await using var t = await CreateStoreAsync();
        await t.Pauses.PauseBotAsync("inbound-post", "ada", "outage", None);
        await t.Pauses.PauseBotAsync("contact-forms", "ada", "new form layout", None);

        var ended = await t.Pauses.ResumeBotAsync("Inbound-Post", "bob", "supplier back", None);

        Assert.Equal("ada", ended!.PausedBy);
        Assert.Equal("contact-forms", Assert.Single(await t.Pauses.ListBotPausesAsync(None)).Bot);
        var audit = await t.Users.ListSecurityEventsAsync(BotPause.AuditTarget("inbound-post"), 10, None);
        Assert.Equal(("bob", AuditActions.BotResumed, "paused by ada; reason: supplier back"), (audit[0].Actor, audit[0].Action, audit[0].Detail));
    }

    [Fact]
    public async Task ResumeBotAsync_NotPaused_ReturnsNullAuditsNothing()
    {
        await using var t = await CreateStoreAsync();

        Assert.Null(await t.Pauses.ResumeBotAsync("inbound-post", "bob", "just in case", None));
        Assert.Empty(await t.Users.ListSecurityEventsAsync(BotPause.AuditTarget("inbound-post"), 10, None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public async Task PauseBotAsync_NoReason_ThrowsAndPausesNothing(string reason)
    {
        await using var t = await CreateStoreAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => t.Pauses.PauseBotAsync("inbound-post", "ada", reason, None));
        Assert.Empty(await t.Pauses.ListBotPausesAsync(None));
    }
}
