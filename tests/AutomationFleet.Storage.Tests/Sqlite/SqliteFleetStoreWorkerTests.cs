using AutomationFleet.Storage.Tests.Contracts;

namespace AutomationFleet.Storage.Tests.Sqlite;

/// <summary>The worker registry's contract on SQLite.</summary>
[Trait("Category", "Integration")]
public sealed class SqliteFleetStoreWorkerTests : WorkerRegistryContractTests
{
    protected override async Task<StoreHarness> CreateStoreAsync() => await SqliteHarness.CreateAsync();
}
