using AutomationFleet.Storage.Sqlite;
using AutomationFleet.Storage.Tests.Contracts;

namespace AutomationFleet.Storage.Tests.Sqlite;

/// <summary>The bot-pause contract on SQLite, and a pause surviving the store being reopened.</summary>
[Trait("Category", "Integration")]
public sealed class SqliteFleetStoreBotPauseTests : BotPauseContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected override async Task<StoreHarness> CreateStoreAsync() => await SqliteHarness.CreateAsync();

    [Fact]
    public async Task ListBotPausesAsync_StoreReopened_PauseStillThere()
    {
        await using var t = await TestStore.CreateAsync();
        await t.Store.PauseBotAsync("inbound-post", "ada", "outage", None);
        await t.Store.DisposeAsync();

        await using var reopened = new SqliteFleetStore(new SqliteStoreOptions { Path = t.Options.Path }, TimeProvider.System);
        await reopened.InitializeAsync(None);

        Assert.Equal("inbound-post", Assert.Single(await reopened.ListBotPausesAsync(None)).Bot);
        Assert.Equal(SqliteSchema.CurrentVersion, t.Scalar("SELECT MAX(version) FROM schema_version"));
    }
}
