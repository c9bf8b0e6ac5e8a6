using AutomationFleet.Storage.Tests.Contracts;

namespace AutomationFleet.Storage.Tests.Postgres;

/// <summary>The account store's contract on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresFleetStoreUserTests(PostgresServer server) : UserStoreContractTests
{
    protected override async Task<StoreHarness> CreateStoreAsync() => await PostgresHarness.CreateAsync(server);
}
