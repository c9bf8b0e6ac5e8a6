using System.Text.Json;
using AutomationFleet.Core.Running;

namespace AutomationFleet.Bots.Maintenance.Tests.Sla;

/// <summary>The review SLA sweep on a fake clock: only tasks inside the lead time (or overdue) are escalated, each once.</summary>
[Trait("Category", "Integration")]
public sealed class ReviewSlaSweepTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly MaintenanceTestKit _kit = new();

    public Task InitializeAsync() => _kit.InitializeAsync();

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public async Task Sweep_TasksInsideAndOutsideTheLeadTime_OnlyInsideEscalatedOnceBySystemActor()
    {
        var now = _kit.Clock.GetUtcNow();
        var soon = await _kit.InReviewAsync("SOON", now.AddHours(3)); // inside the 4 h lead time
        var late = await _kit.InReviewAsync("LATE", now.AddHours(-2));
        var later = await _kit.InReviewAsync("LATER", now.AddHours(6));
        var undated = await _kit.InReviewAsync("UNDATED", null);

        Assert.Equal(2, await SweepAsync("sweep-1"));
        Assert.True((await _kit.Store.GetAsync(soon.Id, None))!.Escalated);
        Assert.True((await _kit.Store.GetAsync(late.Id, None))!.Escalated);
        Assert.False((await _kit.Store.GetAsync(later.Id, None))!.Escalated);
        Assert.False((await _kit.Store.GetAsync(undated.Id, None))!.Escalated);
        var row = Assert.Single(await _kit.Store.GetAuditTrailAsync(soon.Id, None), a => a.Actor == "system:review-sla-sweep");
        Assert.Equal("escalated: due 2026-12-07 10:00:00Z, within the SLA lead time of 04:00:00", row.Reason);

        Assert.Equal(0, await SweepAsync("sweep-2"));

        _kit.Clock.Advance(TimeSpan.FromHours(2.5)); // LATER is now due in 3.5 h
        Assert.Equal(1, await SweepAsync("sweep-3"));
        Assert.True((await _kit.Store.GetAsync(later.Id, None))!.Escalated);
        Assert.Single(await _kit.Store.GetAuditTrailAsync(soon.Id, None), a => a.Actor == "system:review-sla-sweep");
    }

    // Runs a sweep item; returns how many tasks it escalated.
    private async Task<int> SweepAsync(string reference)
    {
        Assert.Equal(RunResult.Completed, await _kit.RunTaskAsync(reference, MaintenanceTasks.ReviewSlaSweep));
        var item = (await _kit.Store.FindAsync(reference, None))!;
        var entry = (await _kit.Store.ListAsync(item.Id, None)).Single(e => e.Step == "escalate-reviews");
        return JsonDocument.Parse(entry.ResultJson!).RootElement.GetProperty("escalated").GetInt32();
    }
}
