using AutomationFleet.Core.Metrics;
using AutomationFleet.Core.Review;

namespace AutomationFleet.Storage.Tests.Sqlite;

[Trait("Category", "Integration")]
public sealed class FleetMeterTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Write_AfterRefreshFromRealStore_PrometheusTextWithDepthAgesBacklogAndFinished()
    {
        await using var t = await TestStore.CreateAsync();
        await t.EnqueueAsync("A", queue: "inbound-post");
        await t.EnqueueAsync("B", queue: "inbound-post");
        await t.EnqueueAsync("C", queue: "inbound-post");
        var first = Assert.Single(await t.Store.LeaseAsync("inbound-post", "w1", 1, TimeSpan.FromMinutes(5), None));
        await t.Store.CompleteAsync(first.Id, "w1", "done", None);
        var second = Assert.Single(await t.Store.LeaseAsync("inbound-post", "w1", 1, TimeSpan.FromMinutes(5), None));
        await t.Store.SendToReviewAsync(second.Id, "w1", new ReviewRequest("Bot", "x", "{}", 0.5, "{}", ["low"], false), None);
        t.Time.Advance(TimeSpan.FromMinutes(90));
        using var meter = new FleetMeter(t.Time);

        await meter.RefreshAsync(t.Store, t.Store, None);
        var text = PrometheusExposition.Write(FleetMeter.MeterName);

        Assert.Contains("# TYPE fleet_queue_depth gauge\n", text, StringComparison.Ordinal);
        Assert.Contains("fleet_queue_depth{queue=\"inbound-post\",state=\"New\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("fleet_queue_depth{queue=\"inbound-post\",state=\"NeedsReview\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("fleet_queue_oldest_age_seconds{queue=\"inbound-post\",state=\"New\"} 5400\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE fleet_items_finished_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("fleet_items_finished_total{queue=\"inbound-post\",state=\"Completed\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("fleet_review_backlog{sla=\"no_due_date\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("fleet_review_backlog{sla=\"overdue\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("fleet_review_oldest_age_seconds 5400\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("state=\"Completed\"} 1\nfleet_queue_oldest", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_BeforeAnyRefresh_TypesWithoutSamplesExceptZeroBacklog()
    {
        using var meter = new FleetMeter(TimeProvider.System);

        var text = PrometheusExposition.Write(FleetMeter.MeterName);

        Assert.Contains("# TYPE fleet_queue_depth gauge\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("fleet_queue_depth{", text, StringComparison.Ordinal);
        Assert.Contains("fleet_review_backlog{sla=\"overdue\"} 0\n", text, StringComparison.Ordinal);
    }
}
