using AutomationFleet.Storage.Tests.Contracts;

namespace AutomationFleet.Storage.Tests.Sqlite;

/// <summary>The side-effect ledger's contract on SQLite.</summary>
[Trait("Category", "Integration")]
public sealed class SqliteFleetStoreSideEffectTests : SideEffectLedgerContractTests
{
    protected override async Task<StoreHarness> CreateStoreAsync() => await SqliteHarness.CreateAsync();
}
