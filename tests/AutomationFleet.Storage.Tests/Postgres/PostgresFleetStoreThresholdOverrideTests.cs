using AutomationFleet.Core.Confidence;
using AutomationFleet.Storage.Postgres;
using AutomationFleet.Storage.Tests.Contracts;

namespace AutomationFleet.Storage.Tests.Postgres;

/// <summary>The threshold-override contract on PostgreSQL, and administrators on several machines setting one key at once.</summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresFleetStoreThresholdOverrideTests(PostgresServer server) : ThresholdOverrideContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected override async Task<StoreHarness> CreateStoreAsync() => await PostgresHarness.CreateAsync(server);

    [Fact]
    public async Task SetThresholdOverrideAsync_NewKeySetOnSixStoresAtOnce_EachAuditsTheValueItReplaced()
    {
        await using var t = await PostgresHarness.CreateAsync(server);
        var stores = Enumerable.Range(0, 6)
            .Select(_ => new PostgresFleetStore(new PostgresStoreOptions { ConnectionString = t.ConnectionString }, t.Time))
            .ToList();
        try
        {
            var previous = await Task.WhenAll(stores.Select((store, n) =>
                store.SetThresholdOverrideAsync("inbound-post", "blue-badge", 0.90 + (n / 100.0), $"admin-{n}", "race", None)));

            // Exactly one change found nothing to replace; every other one replaced a value some other change set.
            Assert.Single(previous, p => p is null);
            var audit = await t.Users.ListSecurityEventsAsync(ThresholdOverride.AuditTarget("inbound-post", "blue-badge"), 10, None);
            Assert.Equal(6, audit.Count);
            Assert.Single(audit, e => e.Detail.StartsWith("configuration →", StringComparison.Ordinal));
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
