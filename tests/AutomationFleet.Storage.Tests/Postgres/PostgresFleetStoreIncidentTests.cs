using AutomationFleet.Storage.Tests.Contracts;

namespace AutomationFleet.Storage.Tests.Postgres;

/// <summary>The incident contract on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresFleetStoreIncidentTests(PostgresServer server) : IncidentStoreContractTests
{
    protected override async Task<StoreHarness> CreateStoreAsync() => await PostgresHarness.CreateAsync(server);
}
