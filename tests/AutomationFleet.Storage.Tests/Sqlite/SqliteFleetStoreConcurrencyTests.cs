using System.Diagnostics;
using AutomationFleet.Core.WorkItems;
using Xunit.Abstractions;

namespace AutomationFleet.Storage.Tests.Sqlite;

[Trait("Category", "Integration")]
public sealed class SqliteFleetStoreConcurrencyTests(ITestOutputHelper output)
{
    private const int ItemCount = 10_000;
    private const int Consumers = 8;
    private const int BatchSize = 20;

    [Fact]
    public async Task LeaseAndComplete_EightConsumersOverTenThousandItems_EachCompletedExactlyOnce()
    {
        await using var t = await TestStore.CreateAsync(TimeProvider.System);
        var enqueueWatch = Stopwatch.StartNew();
        for (var i = 0; i < ItemCount; i++)
        {
            await t.Store.EnqueueAsync(new NewWorkItem("load", $"LOAD-{i:D5}", "{}"), "test", CancellationToken.None);
        }

        enqueueWatch.Stop();
        var leaseLost = 0;
        var completedByConsumers = 0;
        var watch = Stopwatch.StartNew();
        var consumers = Enumerable.Range(0, Consumers).Select(n => Task.Run(async () =>
        {
            var workerId = $"consumer-{n}";
            while (true)
            {
                var batch = await t.Store.LeaseAsync("load", workerId, BatchSize, TimeSpan.FromMinutes(5), CancellationToken.None);
                if (batch.Count == 0)
                {
                    return;
                }

                // A real consumer hands the batch to a bot and awaits; yielding here lets the eight
                // consumers interleave instead of one running synchronously on a pool thread.
                await Task.Yield();
                foreach (var item in batch)
                {
                    try
                    {
                        await t.Store.CompleteAsync(item.Id, workerId, "done", CancellationToken.None);
                        Interlocked.Increment(ref completedByConsumers);
                    }
                    catch (LeaseLostException)
                    {
                        Interlocked.Increment(ref leaseLost);
                    }
                }
            }
        }));
        await Task.WhenAll(consumers);
        watch.Stop();

        output.WriteLine(
            "enqueue {0} items: {1} ms ({2:0} items/s); lease+complete with {3} consumers, batch {4}: {5} ms ({6:0} items/s)",
            ItemCount,
            enqueueWatch.ElapsedMilliseconds,
            ItemCount / enqueueWatch.Elapsed.TotalSeconds,
            Consumers,
            BatchSize,
            watch.ElapsedMilliseconds,
            ItemCount / watch.Elapsed.TotalSeconds);
        WriteCompletionsPerWorker(t);
        Assert.True(t.Scalar("SELECT COUNT(DISTINCT actor) FROM audit_log WHERE to_state = 2") > 1, "the consumers shared the work");
        Assert.Equal(0, leaseLost);
        Assert.Equal(ItemCount, completedByConsumers);
        Assert.Equal(ItemCount, t.Scalar("SELECT COUNT(*) FROM work_items WHERE state = 2"));
        Assert.Equal(ItemCount, t.Scalar("SELECT COUNT(*) FROM audit_log WHERE from_state = 1 AND to_state = 2"));
        Assert.Equal(0, t.Scalar("SELECT COUNT(*) FROM (SELECT item_id FROM audit_log WHERE from_state = 1 AND to_state = 2 GROUP BY item_id HAVING COUNT(*) <> 1)"));
        Assert.Equal(ItemCount, t.Scalar("SELECT COUNT(*) FROM audit_log WHERE from_state = 0 AND to_state = 1"));
        Assert.Equal(ItemCount, t.Scalar("SELECT COUNT(DISTINCT item_id) FROM audit_log WHERE from_state = 1 AND to_state = 2"));
    }

    [Fact]
    public async Task LeaseAndComplete_TwoStoresOnOneFile_EachItemCompletedExactlyOnce()
    {
        // Two stores = two writer connections contending through SQLite's file lock and busy timeout,
        // as two worker processes on one machine do.
        const int Items = 2_000;
        await using var t = await TestStore.CreateAsync(TimeProvider.System);
        await using var second = new Storage.Sqlite.SqliteFleetStore(t.Options, TimeProvider.System);
        await second.InitializeAsync(CancellationToken.None);
        for (var i = 0; i < Items; i++)
        {
            await t.Store.EnqueueAsync(new NewWorkItem("shared", $"S-{i:D5}", "{}"), "test", CancellationToken.None);
        }

        var stores = new[] { t.Store, second };
        var completed = 0;
        var consumers = Enumerable.Range(0, 6).Select(n => Task.Run(async () =>
        {
            var store = stores[n % 2];
            var workerId = $"p{n % 2}-c{n}";
            while (true)
            {
                var batch = await store.LeaseAsync("shared", workerId, 10, TimeSpan.FromMinutes(5), CancellationToken.None);
                if (batch.Count == 0)
                {
                    return;
                }

                foreach (var item in batch)
                {
                    await store.CompleteAsync(item.Id, workerId, "done", CancellationToken.None);
                    Interlocked.Increment(ref completed);
                }

                // Stand-in for the bot's work between batches. Without any gap, one process's tight
                // loop can starve the other of SQLite's (unfair) file lock; see the project README.
                await Task.Delay(1);
            }
        }));
        await Task.WhenAll(consumers);

        WriteCompletionsPerWorker(t);
        Assert.Equal(Items, completed);
        Assert.Equal(Items, t.Scalar("SELECT COUNT(DISTINCT item_id) FROM audit_log WHERE from_state = 1 AND to_state = 2"));
        Assert.Equal(Items, t.Scalar("SELECT COUNT(*) FROM audit_log WHERE from_state = 1 AND to_state = 2"));
        Assert.True(t.Scalar("SELECT COUNT(*) FROM audit_log WHERE to_state = 2 AND actor LIKE 'worker:p0-%'") > 0, "the first store did work");
        Assert.True(t.Scalar("SELECT COUNT(*) FROM audit_log WHERE to_state = 2 AND actor LIKE 'worker:p1-%'") > 0, "the second store did work");
    }

    [Fact]
    public async Task CompleteAsync_ConcurrentCallsOneWithoutLease_OnlyThatOneFailsOthersCommit()
    {
        // Concurrent writes share transactions (group commit); a call that throws must roll back alone.
        await using var t = await TestStore.CreateAsync();
        for (var i = 0; i < 50; i++)
        {
            await t.EnqueueAsync($"G-{i:D2}");
        }

        var leased = await t.Store.LeaseAsync("q", "w1", 50, TimeSpan.FromMinutes(5), CancellationToken.None);
        var calls = leased.Select((item, i) => Task.Run(() => t.Store.CompleteAsync(item.Id, i == 25 ? "intruder" : "w1", "done", CancellationToken.None))).ToList();

        var failure = await Record.ExceptionAsync(() => Task.WhenAll(calls));

        Assert.IsType<LeaseLostException>(failure);
        Assert.Equal(1, calls.Count(c => c.IsFaulted));
        Assert.Equal(49, t.Scalar("SELECT COUNT(*) FROM work_items WHERE state = 2"));
        Assert.Equal(49, t.Scalar("SELECT COUNT(*) FROM audit_log WHERE to_state = 2"));
        Assert.Equal(WorkItemState.InProgress, (await t.Store.FindAsync(leased[25].Reference, CancellationToken.None))!.State);
    }

    private void WriteCompletionsPerWorker(TestStore t)
    {
        using var connection = t.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT actor, COUNT(*) FROM audit_log WHERE to_state = 2 GROUP BY actor ORDER BY actor";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            output.WriteLine("{0} completed {1}", reader.GetString(0), reader.GetInt64(1));
        }
    }
}
