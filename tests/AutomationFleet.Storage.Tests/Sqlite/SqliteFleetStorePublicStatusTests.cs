using AutomationFleet.Storage.Tests.Contracts;

namespace AutomationFleet.Storage.Tests.Sqlite;

/// <summary>The public status page's store contract on SQLite.</summary>
[Trait("Category", "Integration")]
public sealed class SqliteFleetStorePublicStatusTests : PublicStatusContractTests
{
    protected override async Task<StoreHarness> CreateStoreAsync() => await SqliteHarness.CreateAsync();
}
