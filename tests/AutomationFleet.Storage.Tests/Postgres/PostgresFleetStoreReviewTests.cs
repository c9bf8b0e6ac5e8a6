using AutomationFleet.Core.Review;
using AutomationFleet.Storage.Postgres;
using AutomationFleet.Storage.Tests.Contracts;

namespace AutomationFleet.Storage.Tests.Postgres;

/// <summary>The review queue's contract on PostgreSQL, and reviewers on several machines claiming at once.</summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresFleetStoreReviewTests(PostgresServer server) : ReviewQueueContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected override async Task<StoreHarness> CreateStoreAsync() => await PostgresHarness.CreateAsync(server);

    [Fact]
    public async Task ClaimNextAsync_TwelveReviewersOnThreeStoresAtOnce_EachGetsADifferentTask()
    {
        await using var t = await PostgresHarness.CreateAsync(server);
        for (var i = 0; i < 12; i++)
        {
            var item = await t.EnqueueAsync($"R{i:D2}");
            Assert.Single(await t.Queue.LeaseAsync("q", "w1", 1, TimeSpan.FromMinutes(5), None));
            await t.Queue.SendToReviewAsync(item.Id, "w1", new ReviewRequest("bot", "c", "{}", 0.5, "{}", ["low"], Urgent: false), None);
        }

        var stores = Enumerable.Range(0, 3)
            .Select(_ => new PostgresFleetStore(new PostgresStoreOptions { ConnectionString = t.ConnectionString }, t.Time))
            .ToList();
        try
        {
            var claimed = await Task.WhenAll(Enumerable.Range(0, 12).Select(n =>
                stores[n % 3].ClaimNextAsync($"reviewer-{n}", TimeSpan.FromMinutes(10), new ReviewFilter(), None)));

            Assert.All(claimed, Assert.NotNull);
            Assert.Equal(12, claimed.Select(task => task!.ItemId).Distinct().Count());
            Assert.Null(await t.Reviews.ClaimNextAsync("late", TimeSpan.FromMinutes(10), new ReviewFilter(), None));
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
