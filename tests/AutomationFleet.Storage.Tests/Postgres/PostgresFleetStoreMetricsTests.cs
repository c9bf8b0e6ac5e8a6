using AutomationFleet.Storage.Tests.Contracts;

namespace AutomationFleet.Storage.Tests.Postgres;

/// <summary>The metrics contract on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresFleetStoreMetricsTests(PostgresServer server) : FleetMetricsContractTests
{
    protected override async Task<StoreHarness> CreateStoreAsync() => await PostgresHarness.CreateAsync(server);
}
