using AutomationFleet.Storage.Tests.Contracts;

namespace AutomationFleet.Storage.Tests.Postgres;

/// <summary>The worker registry's contract on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresFleetStoreWorkerTests(PostgresServer server) : WorkerRegistryContractTests
{
    protected override async Task<StoreHarness> CreateStoreAsync() => await PostgresHarness.CreateAsync(server);
}
