using AutomationFleet.Storage.Tests.Contracts;

namespace AutomationFleet.Storage.Tests.Postgres;

/// <summary>Review supervision on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresFleetStoreSupervisionTests(PostgresServer server) : ReviewSupervisionContractTests
{
    protected override async Task<StoreHarness> CreateStoreAsync() => await PostgresHarness.CreateAsync(server);
}
