using AutomationFleet.Core.Review;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Storage.Tests.Contracts;

namespace AutomationFleet.Storage.Tests.Sqlite;

/// <summary>The review queue's contract on SQLite.</summary>
[Trait("Category", "Integration")]
public sealed class SqliteFleetStoreReviewTests : ReviewQueueContractTests
{
    protected override async Task<StoreHarness> CreateStoreAsync() => await SqliteHarness.CreateAsync();
}
