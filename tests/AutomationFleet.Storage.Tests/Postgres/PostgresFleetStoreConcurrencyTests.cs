using System.Diagnostics;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Storage.Postgres;
using Xunit.Abstractions;

namespace AutomationFleet.Storage.Tests.Postgres;

/// <summary>Many consumers on several stores (as on several machines) over one database: nothing lost, nothing done twice.</summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresFleetStoreConcurrencyTests(PostgresServer server, ITestOutputHelper output)
{
    private const int ItemCount = 5_000;
    private const int Stores = 4;
    private const int ConsumersPerStore = 2;
    private const int BatchSize = 20;

    [Fact]
    public async Task LeaseAndComplete_EightConsumersOnFourStoresOverFiveThousandItems_EachCompletedExactlyOnce()
    {
        await using var t = await PostgresHarness.CreateAsync(server);

        // Seeded in one statement: enqueueing 5,000 items one by one would time the enqueue, not the lease.
        t.Execute($$"""
            INSERT INTO work_items (queue, reference, payload_json, attachments_json, priority, due_at, state, attempts, created_at, updated_at)
            SELECT 'load', 'LOAD-' || lpad(i::text, 5, '0'), '{}', '[]', 0, NULL, 0, 0, {{StartMs}}, {{StartMs}} FROM generate_series(1, {{ItemCount}}) AS i;
            ANALYZE work_items;
            """);
        var stores = Enumerable.Range(0, Stores)
            .Select(_ => new PostgresFleetStore(new PostgresStoreOptions { ConnectionString = t.ConnectionString }, TimeProvider.System))
            .ToList();
        var leaseLost = 0;
        var completed = 0;
        var watch = Stopwatch.StartNew();
        try
        {
            await Task.WhenAll(Enumerable.Range(0, Stores * ConsumersPerStore).Select(n => Task.Run(async () =>
            {
                var store = stores[n % Stores];
                var workerId = $"consumer-{n}";
                while (await store.LeaseAsync("load", workerId, BatchSize, TimeSpan.FromMinutes(5), CancellationToken.None) is { Count: > 0 } batch)
                {
                    foreach (var item in batch)
                    {
                        try
                        {
                            await store.CompleteAsync(item.Id, workerId, "done", CancellationToken.None);
                            Interlocked.Increment(ref completed);
                        }
                        catch (LeaseLostException)
                        {
                            Interlocked.Increment(ref leaseLost);
                        }
                    }
                }
            })));
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }

        watch.Stop();
        output.WriteLine(
            "lease+complete {0} items, {1} consumers on {2} stores, batch {3}: {4} ms ({5:0} items/s)",
            ItemCount, Stores * ConsumersPerStore, Stores, BatchSize, watch.ElapsedMilliseconds, ItemCount / watch.Elapsed.TotalSeconds);
        Assert.Equal(0, leaseLost);
        Assert.Equal(ItemCount, completed);
        Assert.True(t.Scalar("SELECT COUNT(DISTINCT actor) FROM audit_log WHERE to_state = 2") > 1, "the consumers shared the work");
        Assert.Equal(ItemCount, t.Scalar("SELECT COUNT(*) FROM work_items WHERE state = 2 AND attempts = 1"));
        Assert.Equal(ItemCount, t.Scalar("SELECT COUNT(*) FROM audit_log WHERE from_state = 0 AND to_state = 1"));
        Assert.Equal(0, t.Scalar("SELECT COUNT(*) FROM (SELECT item_id FROM audit_log WHERE from_state = 1 AND to_state = 2 GROUP BY item_id HAVING COUNT(*) <> 1) d"));
        Assert.Equal(ItemCount, t.Scalar("SELECT COUNT(DISTINCT item_id) FROM audit_log WHERE from_state = 1 AND to_state = 2"));
    }

    private static long StartMs => Contracts.StoreHarness.Start.ToUnixTimeMilliseconds();
}
