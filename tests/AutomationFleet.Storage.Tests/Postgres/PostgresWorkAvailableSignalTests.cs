using System.Diagnostics;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Storage.Postgres;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutomationFleet.Storage.Tests.Postgres;

/// <summary>The store's <c>NOTIFY fleet_work</c> wakes a waiting <see cref="PostgresWorkAvailableSignal"/> for that queue only.</summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresWorkAvailableSignalTests(PostgresServer server)
{
    private static readonly TimeSpan LongWait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task WaitAsync_ItemEnqueuedInQueue_WakesWellBeforeMax()
    {
        await using var t = await PostgresHarness.CreateAsync(server);
        await using var signal = await ListeningSignalAsync(t.ConnectionString);

        var wait = signal.WaitAsync("mail", LongWait, CancellationToken.None);
        var watch = Stopwatch.StartNew();
        await t.Queue.EnqueueAsync(new NewWorkItem("mail", "W-1", "{}"), "test", CancellationToken.None);

        // Half the 30 s wait: proves the notification woke it, with room for a loaded CI machine.
        Assert.True(await wait.WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"Woken after {watch.Elapsed}.");
    }

    [Fact]
    public async Task WaitAsync_ItemReleased_Wakes()
    {
        await using var t = await PostgresHarness.CreateAsync(server);
        var item = (await t.Queue.EnqueueAsync(new NewWorkItem("mail", "W-2", "{}"), "test", CancellationToken.None)).Item;
        await t.Queue.LeaseAsync("mail", "w1", 1, TimeSpan.FromMinutes(1), CancellationToken.None);
        await using var signal = await ListeningSignalAsync(t.ConnectionString);

        var wait = signal.WaitAsync("mail", LongWait, CancellationToken.None);
        await t.Queue.ReleaseAsync(item.Id, "w1", "test", CancellationToken.None);

        Assert.True(await wait.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task WaitAsync_ItemEnqueuedInOtherQueue_WaitsUntilMax()
    {
        await using var t = await PostgresHarness.CreateAsync(server);
        await using var signal = await ListeningSignalAsync(t.ConnectionString);

        var wait = signal.WaitAsync("mail", TimeSpan.FromSeconds(1), CancellationToken.None);
        await t.Queue.EnqueueAsync(new NewWorkItem("post", "P-1", "{}"), "test", CancellationToken.None);

        Assert.False(await wait.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task WaitAsync_Cancelled_ThrowsOperationCanceled()
    {
        await using var t = await PostgresHarness.CreateAsync(server);
        await using var signal = await ListeningSignalAsync(t.ConnectionString);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => signal.WaitAsync("mail", LongWait, cancel.Token));
    }

    // The listener connects on the first wait; a notification sent before it listens would only be seen at the next poll.
    private static async Task<PostgresWorkAvailableSignal> ListeningSignalAsync(string connectionString)
    {
        var signal = new PostgresWorkAvailableSignal(
            new PostgresStoreOptions { ConnectionString = connectionString }, TimeProvider.System, NullLogger<PostgresWorkAvailableSignal>.Instance);
        await signal.WaitAsync("warm-up", TimeSpan.FromMilliseconds(1), CancellationToken.None);
        var watch = Stopwatch.StartNew();
        while (!signal.IsListening)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "The signal did not start listening.");
            await Task.Delay(20);
        }

        return signal;
    }
}
