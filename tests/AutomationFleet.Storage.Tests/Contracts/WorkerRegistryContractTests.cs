using AutomationFleet.Core.Workers;

namespace AutomationFleet.Storage.Tests.Contracts;

/// <summary><see cref="IWorkerRegistry"/>'s contract, run against every store by a subclass per store.</summary>
public abstract class WorkerRegistryContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(30);

    /// <summary>A fresh, empty store on the harness's fake clock.</summary>
    protected abstract Task<StoreHarness> CreateStoreAsync();

    [Fact]
    public async Task HeartbeatAsync_Repeated_KeepsStartUpdatesLastSeenAndInFlight()
    {
        await using var t = await CreateStoreAsync();
        var registry = t.Workers;
        await registry.HeartbeatAsync(new WorkerHeartbeat("host-1-42-ab", "host-1", 42, ["post", "incidents"], 0), None);
        t.Time.Advance(TimeSpan.FromSeconds(10));

        await registry.HeartbeatAsync(new WorkerHeartbeat("host-1-42-ab", "host-1", 42, ["post", "incidents"], 7), None);

        var status = Assert.Single(await registry.ListAsync(StaleAfter, None));
        Assert.Equal(StoreHarness.Start, status.StartedAt);
        Assert.Equal(StoreHarness.Start.AddSeconds(10), status.LastSeenAt);
        Assert.Equal(7, status.InFlight);
        Assert.Equal(["post", "incidents"], status.Queues);
        Assert.Equal(42, status.ProcessId);
        Assert.True(status.IsAlive);
    }

    [Fact]
    public async Task ListAsync_SilentLongerThanStaleAfter_NotAlive()
    {
        await using var t = await CreateStoreAsync();
        var registry = t.Workers;
        await registry.HeartbeatAsync(new WorkerHeartbeat("old", "h", 1, ["q"], 0), None);
        t.Time.Advance(TimeSpan.FromSeconds(20));
        await registry.HeartbeatAsync(new WorkerHeartbeat("new", "h", 2, ["q"], 0), None);
        t.Time.Advance(TimeSpan.FromSeconds(11));

        var workers = await registry.ListAsync(StaleAfter, None);

        Assert.Equal([("new", true), ("old", false)], workers.Select(w => (w.WorkerId, w.IsAlive)));
    }

    [Fact]
    public async Task MarkStoppedAsync_RecentHeartbeat_StoppedAndNotAlive()
    {
        await using var t = await CreateStoreAsync();
        var registry = t.Workers;
        await registry.HeartbeatAsync(new WorkerHeartbeat("w", "h", 1, ["q"], 3), None);
        t.Time.Advance(TimeSpan.FromSeconds(1));

        await registry.MarkStoppedAsync("w", None);

        var status = Assert.Single(await registry.ListAsync(StaleAfter, None));
        Assert.Equal(StoreHarness.Start.AddSeconds(1), status.StoppedAt);
        Assert.False(status.IsAlive);
    }
}
