using AutomationFleet.Core.Updates;
using AutomationFleet.Storage.Postgres;
using AutomationFleet.Storage.Tests.Contracts;

namespace AutomationFleet.Storage.Tests.Postgres;

/// <summary>The proactive-updates contract on PostgreSQL, and the daily cap holding across several stores (workers) at once.</summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresFleetStoreUpdateTests(PostgresServer server) : UpdateStoreContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected override async Task<StoreHarness> CreateStoreAsync() => await PostgresHarness.CreateAsync(server);

    [Fact]
    public async Task ReserveUpdateAsync_SixStoresAtOnceForOneAddress_ExactlyTheCapReserved()
    {
        await using var t = await PostgresHarness.CreateAsync(server);
        var stores = Enumerable.Range(0, 6)
            .Select(_ => new PostgresFleetStore(new PostgresStoreOptions { ConnectionString = t.ConnectionString }, t.Time))
            .ToList();
        try
        {
            var hash = UpdateRecipient.HashOf("ann@example.org");
            var results = await Task.WhenAll(stores.SelectMany((store, s) => Enumerable.Range(0, 4).Select(n =>
                store.ReserveUpdateAsync(
                    new UpdateSend($"i{s}-{n}#update:Done", $"i{s}-{n}", "q", TouchPoint.Done, hash, new DateOnly(2026, 1, 5)), 3, None))));

            Assert.Equal(3, results.Count(r => r == UpdateReservation.Reserved));
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
