using AutomationFleet.Core.Metrics;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Storage.Tests.Contracts;

/// <summary><see cref="IFleetMetrics"/>'s contract, run against every store by a subclass per store.</summary>
public abstract class FleetMetricsContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private static ReviewRequest Request(string category, double confidence, bool urgent = false) =>
        new("InboundPost", category, "{\"category\":\"" + category + "\"}", confidence, "{}", ["below threshold"], urgent);

    private static async Task<WorkItem> CompleteAutomaticAsync(StoreHarness t, string reference, string category)
    {
        var item = await t.EnqueueAsync(reference);
        Assert.Single(await t.Queue.LeaseAsync("q", "w1", 1, Lease, None));
        await t.Queue.RecordOutcomeAsync(item.Id, "w1", new ItemOutcome("{\"category\":\"" + category + "\"}", 0.99, "InboundPost"), None);
        await t.Queue.CompleteAsync(item.Id, "w1", "delivered", None);
        return item;
    }

    private static async Task<WorkItem> InReviewAsync(StoreHarness t, string reference, ReviewRequest request, DateTimeOffset? due = null)
    {
        var item = await t.EnqueueAsync(reference, due: due);
        Assert.Single(await t.Queue.LeaseAsync("q", "w1", 1, Lease, None));
        await t.Queue.SendToReviewAsync(item.Id, "w1", request, None);
        return item;
    }

    private static async Task CompleteReviewedAsync(StoreHarness t, string reference, ReviewRequest request, ReviewDecision decision)
    {
        var item = await InReviewAsync(t, reference, request);
        await DecideAsync(t, item, "alice", decision);
        Assert.Single(await t.Queue.LeaseAsync("q", "w1", 1, Lease, None));
        await t.Queue.CompleteAsync(item.Id, "w1", "delivered", None);
    }

    private static async Task DecideAsync(StoreHarness t, WorkItem item, string reviewer, ReviewDecision decision)
    {
        await t.Reviews.ClaimAsync(item.Id, reviewer, TimeSpan.FromMinutes(10), None);
        await t.Reviews.DecideAsync(item.Id, reviewer, decision, None);
    }

    /// <summary>A fresh, empty store on the harness's fake clock.</summary>
    protected abstract Task<StoreHarness> CreateStoreAsync();

    [Fact]
    public async Task GetCompletedPerHourAsync_ItemsInDifferentHours_CountedPerHourWithZeros()
    {
        await using var t = await CreateStoreAsync();
        await CompleteAutomaticAsync(t, "A", "council-tax");
        await CompleteAutomaticAsync(t, "B", "council-tax");
        t.Time.Advance(TimeSpan.FromHours(2));
        await CompleteAutomaticAsync(t, "C", "council-tax");
        await t.EnqueueAsync("D");

        var hours = await t.Metrics.GetCompletedPerHourAsync(TimeSpan.FromHours(24), None);

        Assert.Equal(25, hours.Count);
        Assert.Equal(t.Time.GetUtcNow().AddMinutes(-t.Time.GetUtcNow().Minute), hours[^1].HourStart);
        Assert.Equal([2, 0, 1], hours.TakeLast(3).Select(h => h.Count));
        Assert.Equal(3, hours.Sum(h => h.Count));
    }

    [Fact]
    public async Task GetStraightThroughAsync_AutomaticAndReviewed_SplitPerBotAndCategoryWithinWindow()
    {
        await using var t = await CreateStoreAsync();
        await CompleteAutomaticAsync(t, "OLD", "council-tax");
        t.Time.Advance(TimeSpan.FromDays(2));
        await CompleteAutomaticAsync(t, "A", "council-tax");
        await CompleteAutomaticAsync(t, "B", "council-tax");
        await CompleteReviewedAsync(t, "C", Request("council-tax", 0.7), new ReviewDecision(ReviewDecisionKind.Approve, ""));
        await CompleteReviewedAsync(t, "D", Request("housing", 0.6), new ReviewDecision(ReviewDecisionKind.Correct, "wrong", "{\"category\":\"benefits\"}", "benefits"));
        await InReviewAsync(t, "E", Request("housing", 0.5));

        var day = await t.Metrics.GetStraightThroughAsync(TimeSpan.FromHours(24), None);
        var week = await t.Metrics.GetStraightThroughAsync(TimeSpan.FromDays(7), None);

        Assert.Equal(
            [new StraightThroughRate("InboundPost", "council-tax", 2, 1), new StraightThroughRate("InboundPost", "housing", 0, 1)],
            day);
        Assert.Equal(2.0 / 3, day[0].Rate!.Value, 10);
        Assert.Equal(3, week[0].Automatic);
    }

    [Fact]
    public async Task GetReviewBacklogAsync_OpenTasks_SplitBySlaRisk()
    {
        await using var t = await CreateStoreAsync();
        var now = StoreHarness.Start;
        await InReviewAsync(t, "OVERDUE", Request("x", 0.5, urgent: true), due: now.AddMinutes(30));
        await InReviewAsync(t, "SOON", Request("x", 0.5), due: now.AddHours(4));
        await InReviewAsync(t, "LATER", Request("x", 0.5), due: now.AddDays(3));
        var none = await InReviewAsync(t, "NONE", Request("x", 0.5));
        var closed = await InReviewAsync(t, "CLOSED", Request("x", 0.5), due: now);
        await DecideAsync(t, closed, "alice", new ReviewDecision(ReviewDecisionKind.Reject, "not ours"));
        await DecideAsync(t, none, "alice", new ReviewDecision(ReviewDecisionKind.Escalate, "unsure"));
        t.Time.Advance(TimeSpan.FromHours(1));

        var backlog = await t.Metrics.GetReviewBacklogAsync(TimeSpan.FromHours(4), None);

        Assert.Equal(new ReviewBacklog(4, 1, 1, 1, 1, 1, 1, now), backlog);
    }

    [Fact]
    public async Task GetReviewBacklogAsync_Empty_ZerosAndNoOldest()
    {
        await using var t = await CreateStoreAsync();

        Assert.Equal(new ReviewBacklog(0, 0, 0, 0, 0, 0, 0, null), await t.Metrics.GetReviewBacklogAsync(TimeSpan.FromHours(4), None));
    }

    [Fact]
    public async Task GetReviewedSamplesAsync_ApprovedCorrectedRejectedOpen_OnlyDecidedWithAgreement()
    {
        await using var t = await CreateStoreAsync();
        await CompleteReviewedAsync(t, "A", Request("housing", 0.91), new ReviewDecision(ReviewDecisionKind.Approve, ""));
        await CompleteReviewedAsync(t, "B", Request("housing", 0.72), new ReviewDecision(ReviewDecisionKind.Correct, "wrong team", "{\"category\":\"benefits\"}", "benefits"));
        var rejected = await InReviewAsync(t, "C", Request("housing", 0.88));
        await DecideAsync(t, rejected, "bob", new ReviewDecision(ReviewDecisionKind.Reject, "spam"));
        await InReviewAsync(t, "D", Request("housing", 0.93));
        await CompleteReviewedAsync(t, "E", Request("council-tax", 0.6), new ReviewDecision(ReviewDecisionKind.Approve, "fine"));

        var samples = await t.Metrics.GetReviewedSamplesAsync("InboundPost", "housing", None);
        var categories = await t.Metrics.GetReviewedCategoriesAsync(None);

        Assert.Equal([new ConfidenceSample(0.72, false), new ConfidenceSample(0.91, true)], samples.OrderBy(s => s.Confidence));
        Assert.Equal(
            [new ReviewedCategory("InboundPost", "council-tax", 1, 0), new ReviewedCategory("InboundPost", "housing", 1, 1)],
            categories);
        Assert.Empty(await t.Metrics.GetReviewedSamplesAsync("Other", "housing", None));
    }

    [Fact]
    public async Task GetStraightThroughAsync_OutcomeNotJsonOrNotAnObject_CountedWithoutCategory()
    {
        await using var t = await CreateStoreAsync();
        foreach (var (reference, outcome) in new[] { ("A", "not json"), ("B", "[1,2]"), ("C", "{\"category\":\"housing\"}") })
        {
            var item = await t.EnqueueAsync(reference);
            Assert.Single(await t.Queue.LeaseAsync("q", "w1", 1, Lease, None));
            await t.Queue.RecordOutcomeAsync(item.Id, "w1", new ItemOutcome(outcome, 0.99, "InboundPost"), None);
            await t.Queue.CompleteAsync(item.Id, "w1", "delivered", None);
        }

        var rates = await t.Metrics.GetStraightThroughAsync(TimeSpan.FromHours(1), None);

        Assert.Equal(
            [new StraightThroughRate("InboundPost", null, 2, 0), new StraightThroughRate("InboundPost", "housing", 1, 0)],
            rates);
    }
}
