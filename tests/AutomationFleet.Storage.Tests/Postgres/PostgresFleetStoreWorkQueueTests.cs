using AutomationFleet.Core.WorkItems;
using AutomationFleet.Storage.Postgres;
using AutomationFleet.Storage.Tests.Contracts;
using Npgsql;

namespace AutomationFleet.Storage.Tests.Postgres;

/// <summary>The work-queue contract on PostgreSQL, and what only PostgreSQL has (its query plan, SKIP LOCKED across stores).</summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresFleetStoreWorkQueueTests(PostgresServer server) : WorkQueueContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    protected override async Task<StoreHarness> CreateStoreAsync() => await PostgresHarness.CreateAsync(server);

    [Fact]
    public async Task LeaseQuery_QueryPlan_UsesLeaseIndexWithoutSorting()
    {
        await using var t = await PostgresHarness.CreateAsync(server);
        await t.EnqueueAsync("R1");
        await using var connection = new NpgsqlConnection(t.ConnectionString);
        await connection.OpenAsync();

        // A table this small would be scanned whatever its indexes; the plan for a large one is what matters.
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off;", connection))
        {
            await off.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand("EXPLAIN " + PostgresStatements.LockLeasable, connection);
        explain.Parameters.AddWithValue("queue", "q");
        explain.Parameters.AddWithValue("now", 0L);
        explain.Parameters.AddWithValue("limit", 10);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        Assert.Contains(plan, line => line.Contains("ix_work_items_lease", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.TrimStart(' ', '-', '>').StartsWith("Sort", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LeaseAsync_FourStoresOnOneDatabaseConcurrently_EachItemLeasedOnce()
    {
        await using var t = await PostgresHarness.CreateAsync(server);
        for (var i = 0; i < 200; i++)
        {
            await t.EnqueueAsync($"R{i:D3}");
        }

        var stores = Enumerable.Range(0, 4)
            .Select(_ => new PostgresFleetStore(new PostgresStoreOptions { ConnectionString = t.ConnectionString }, t.Time))
            .ToList();
        try
        {
            var leased = await Task.WhenAll(stores.Select(async (store, n) =>
            {
                var mine = new List<long>();
                while (await store.LeaseAsync("q", $"w{n}", 7, Lease, None) is { Count: > 0 } batch)
                {
                    mine.AddRange(batch.Select(item => item.Id));
                }

                return mine;
            }));

            var all = leased.SelectMany(ids => ids).ToList();
            Assert.Equal(200, all.Count);
            Assert.Equal(200, all.Distinct().Count());
            Assert.Equal(200, t.Scalar("SELECT COUNT(*) FROM work_items WHERE state = 1 AND attempts = 1"));
            Assert.Equal(200, t.Scalar("SELECT COUNT(*) FROM audit_log WHERE to_state = 1"));
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task CompleteAsync_TwoWorkersRaceForAnExpiredLease_OnlyTheNewHolderCompletes()
    {
        await using var t = await PostgresHarness.CreateAsync(server);
        var item = await t.EnqueueAsync("REF-1");
        await t.Queue.LeaseAsync("q", "w1", 1, Lease, None);
        t.Time.Advance(Lease);
        Assert.Single(await t.Queue.LeaseAsync("q", "w2", 1, Lease, None));

        var late = t.Queue.CompleteAsync(item.Id, "w1", "late", None);
        var holder = t.Queue.CompleteAsync(item.Id, "w2", "done", None);

        await Assert.ThrowsAsync<LeaseLostException>(() => late);
        await holder;
        Assert.Equal(WorkItemState.Completed, (await t.Queue.FindAsync("REF-1", None))!.State);
    }
}
