using AutomationFleet.Storage.Postgres;
using AutomationFleet.Storage.Tests.Contracts;

namespace AutomationFleet.Storage.Tests.Postgres;

/// <summary>The bot-pause contract on PostgreSQL, and administrators on several machines pausing one bot at once.</summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresFleetStoreBotPauseTests(PostgresServer server) : BotPauseContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected override async Task<StoreHarness> CreateStoreAsync() => await PostgresHarness.CreateAsync(server);

    [Fact]
    public async Task PauseBotAsync_SixStoresAtOnce_OnePauseOneAuditRow()
    {
        await using var t = await PostgresHarness.CreateAsync(server);
        var stores = Enumerable.Range(0, 6)
            .Select(_ => new PostgresFleetStore(new PostgresStoreOptions { ConnectionString = t.ConnectionString }, t.Time))
            .ToList();
        try
        {
            var changes = await Task.WhenAll(stores.Select((store, n) => store.PauseBotAsync("inbound-post", $"admin-{n}", "race", None)));

            Assert.Single(changes, c => c.Changed);
            Assert.Single(await t.Users.ListSecurityEventsAsync(Core.Bots.BotPause.AuditTarget("inbound-post"), 10, None));
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }
}
