using System.Diagnostics;
using AutomationFleet.Core.Metrics;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.WorkItems;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace AutomationFleet.Storage.Tests.Sqlite;

[Trait("Category", "Integration")]
public sealed class SqliteFleetStoreMetricsTests(ITestOutputHelper output)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private static ReviewRequest Request(string category, double confidence, bool urgent = false) =>
        new("InboundPost", category, "{\"category\":\"" + category + "\"}", confidence, "{}", ["below threshold"], urgent);

    private static async Task<WorkItem> CompleteAutomaticAsync(TestStore t, string reference, string category)
    {
        var item = await t.EnqueueAsync(reference);
        Assert.Single(await t.Store.LeaseAsync("q", "w1", 1, Lease, None));
        await t.Store.RecordOutcomeAsync(item.Id, "w1", new ItemOutcome("{\"category\":\"" + category + "\"}", 0.99, "InboundPost"), None);
        await t.Store.CompleteAsync(item.Id, "w1", "delivered", None);
        return item;
    }

    private static async Task<WorkItem> InReviewAsync(TestStore t, string reference, ReviewRequest request, DateTimeOffset? due = null)
    {
        var item = await t.EnqueueAsync(reference, due: due);
        Assert.Single(await t.Store.LeaseAsync("q", "w1", 1, Lease, None));
        await t.Store.SendToReviewAsync(item.Id, "w1", request, None);
        return item;
    }

    private static async Task CompleteReviewedAsync(TestStore t, string reference, ReviewRequest request, ReviewDecision decision)
    {
        var item = await InReviewAsync(t, reference, request);
        await DecideAsync(t, item, "alice", decision);
        Assert.Single(await t.Store.LeaseAsync("q", "w1", 1, Lease, None));
        await t.Store.CompleteAsync(item.Id, "w1", "delivered", None);
    }

    private static async Task DecideAsync(TestStore t, WorkItem item, string reviewer, ReviewDecision decision)
    {
        await t.Store.ClaimAsync(item.Id, reviewer, TimeSpan.FromMinutes(10), None);
        await t.Store.DecideAsync(item.Id, reviewer, decision, None);
    }

    [Fact]
    public async Task GetCompletedPerHourAsync_ItemsInDifferentHours_CountedPerHourWithZeros()
    {
        await using var t = await TestStore.CreateAsync();
        await CompleteAutomaticAsync(t, "A", "council-tax");
        await CompleteAutomaticAsync(t, "B", "council-tax");
        t.Time.Advance(TimeSpan.FromHours(2));
        await CompleteAutomaticAsync(t, "C", "council-tax");
        await t.EnqueueAsync("D");

        var hours = await t.Store.GetCompletedPerHourAsync(TimeSpan.FromHours(24), None);

        Assert.Equal(25, hours.Count);
        Assert.Equal(t.Time.GetUtcNow().AddMinutes(-t.Time.GetUtcNow().Minute), hours[^1].HourStart);
        Assert.Equal([2, 0, 1], hours.TakeLast(3).Select(h => h.Count));
        Assert.Equal(3, hours.Sum(h => h.Count));
    }

    [Fact]
    public async Task GetStraightThroughAsync_AutomaticAndReviewed_SplitPerBotAndCategoryWithinWindow()
    {
        await using var t = await TestStore.CreateAsync();
        await CompleteAutomaticAsync(t, "OLD", "council-tax");
        t.Time.Advance(TimeSpan.FromDays(2));
        await CompleteAutomaticAsync(t, "A", "council-tax");
        await CompleteAutomaticAsync(t, "B", "council-tax");
        await CompleteReviewedAsync(t, "C", Request("council-tax", 0.7), new ReviewDecision(ReviewDecisionKind.Approve, ""));
        await CompleteReviewedAsync(t, "D", Request("housing", 0.6), new ReviewDecision(ReviewDecisionKind.Correct, "wrong", "{\"category\":\"benefits\"}", "benefits"));
        await InReviewAsync(t, "E", Request("housing", 0.5));

        var day = await t.Store.GetStraightThroughAsync(TimeSpan.FromHours(24), None);
        var week = await t.Store.GetStraightThroughAsync(TimeSpan.FromDays(7), None);

        Assert.Equal(
            [new StraightThroughRate("InboundPost", "council-tax", 2, 1), new StraightThroughRate("InboundPost", "housing", 0, 1)],
            day);
        Assert.Equal(2.0 / 3, day[0].Rate!.Value, 10);
        Assert.Equal(3, week[0].Automatic);
    }

    [Fact]
    public async Task GetReviewBacklogAsync_OpenTasks_SplitBySlaRisk()
    {
        await using var t = await TestStore.CreateAsync();
        var now = TestStore.Start;
        await InReviewAsync(t, "OVERDUE", Request("x", 0.5, urgent: true), due: now.AddMinutes(30));
        await InReviewAsync(t, "SOON", Request("x", 0.5), due: now.AddHours(4));
        await InReviewAsync(t, "LATER", Request("x", 0.5), due: now.AddDays(3));
        var none = await InReviewAsync(t, "NONE", Request("x", 0.5));
        var closed = await InReviewAsync(t, "CLOSED", Request("x", 0.5), due: now);
        await DecideAsync(t, closed, "alice", new ReviewDecision(ReviewDecisionKind.Reject, "not ours"));
        await DecideAsync(t, none, "alice", new ReviewDecision(ReviewDecisionKind.Escalate, "unsure"));
        t.Time.Advance(TimeSpan.FromHours(1));

        var backlog = await t.Store.GetReviewBacklogAsync(TimeSpan.FromHours(4), None);

        Assert.Equal(new ReviewBacklog(4, 1, 1, 1, 1, 1, 1, now), backlog);
    }

    [Fact]
    public async Task GetReviewBacklogAsync_Empty_ZerosAndNoOldest()
    {
        await using var t = await TestStore.CreateAsync();

        Assert.Equal(new ReviewBacklog(0, 0, 0, 0, 0, 0, 0, null), await t.Store.GetReviewBacklogAsync(TimeSpan.FromHours(4), None));
    }

    [Fact]
    public async Task GetReviewedSamplesAsync_ApprovedCorrectedRejectedOpen_OnlyDecidedWithAgreement()
    {
        await using var t = await TestStore.CreateAsync();
        await CompleteReviewedAsync(t, "A", Request("housing", 0.91), new ReviewDecision(ReviewDecisionKind.Approve, ""));
        await CompleteReviewedAsync(t, "B", Request("housing", 0.72), new ReviewDecision(ReviewDecisionKind.Correct, "wrong team", "{\"category\":\"benefits\"}", "benefits"));
        var rejected = await InReviewAsync(t, "C", Request("housing", 0.88));
        await DecideAsync(t, rejected, "bob", new ReviewDecision(ReviewDecisionKind.Reject, "spam"));
        await InReviewAsync(t, "D", Request("housing", 0.93));
        await CompleteReviewedAsync(t, "E", Request("council-tax", 0.6), new ReviewDecision(ReviewDecisionKind.Approve, "fine"));

        var samples = await t.Store.GetReviewedSamplesAsync("InboundPost", "housing", None);
        var categories = await t.Store.GetReviewedCategoriesAsync(None);

        Assert.Equal([new ConfidenceSample(0.72, false), new ConfidenceSample(0.91, true)], samples.OrderBy(s => s.Confidence));
        Assert.Equal(
            [new ReviewedCategory("InboundPost", "council-tax", 1, 0), new ReviewedCategory("InboundPost", "housing", 1, 1)],
            categories);
        Assert.Empty(await t.Store.GetReviewedSamplesAsync("Other", "housing", None));
    }

    [Fact]
    public async Task DashboardQueries_HundredThousandItems_EachUnderOneSecond()
    {
        await using var t = await TestStore.CreateAsync();
        await t.Store.InitializeAsync(None);
        SeedBulk(t, 100_000);

        var timings = new Dictionary<string, TimeSpan>
        {
            ["depth"] = await TimeAsync(() => t.Store.GetDepthAsync(None)),
            ["completed per hour (24 h)"] = await TimeAsync(() => t.Store.GetCompletedPerHourAsync(TimeSpan.FromHours(24), None)),
            ["straight-through (24 h)"] = await TimeAsync(() => t.Store.GetStraightThroughAsync(TimeSpan.FromHours(24), None)),
            ["straight-through (7 d)"] = await TimeAsync(() => t.Store.GetStraightThroughAsync(TimeSpan.FromDays(7), None)),
            ["review backlog"] = await TimeAsync(() => t.Store.GetReviewBacklogAsync(TimeSpan.FromHours(4), None)),
            ["reviewed categories"] = await TimeAsync(() => t.Store.GetReviewedCategoriesAsync(None)),
            ["reviewed samples (one category)"] = await TimeAsync(() => t.Store.GetReviewedSamplesAsync("InboundPost", "cat-3", None)),
            ["workers"] = await TimeAsync(() => t.Store.ListAsync(TimeSpan.FromSeconds(30), None)),
            ["dead letters (50)"] = await TimeAsync(() => t.Store.ListAsync(WorkItemState.DeadLettered, null, 50, None)),
        };

        foreach (var (name, elapsed) in timings)
        {
            output.WriteLine($"{name}: {elapsed.TotalMilliseconds:F1} ms");
        }

        var straight = await t.Store.GetStraightThroughAsync(TimeSpan.FromDays(7), None);
        Assert.True(straight.Sum(s => s.Total) > 40_000);
        Assert.True((await t.Store.GetReviewedSamplesAsync("InboundPost", "cat-3", None)).Count > 100);
        // A guard against a query losing its index (seconds), not the measurement: the README reports the measured times
        // (2–150 ms on a quiet machine). On 2 cores shared with the browser tests a 7-day scan of 100,000 outcomes has
        // taken 340 ms, so a tighter bound would fail on load rather than on the code.
        Assert.All(timings, timing => Assert.True(timing.Value < TimeSpan.FromSeconds(1), $"{timing.Key} took {timing.Value.TotalMilliseconds:F0} ms"));
    }

    private static async Task<TimeSpan> TimeAsync<T>(Func<Task<T>> query)
    {
        await query(); // warm: first use opens a read connection and compiles the statement
        var stopwatch = Stopwatch.StartNew();
        await query();
        return stopwatch.Elapsed;
    }

    /// <summary>
    /// Writes a realistic spread directly (the contracts would take minutes for 100,000 items): 70% completed over the
    /// last 10 days, a tenth of those via review (approved or corrected), the rest in other states with open review tasks.
    /// </summary>
    private static void SeedBulk(TestStore t, int count)
    {
        var now = TestStore.Start.ToUnixTimeMilliseconds();
        var random = new Random(42);
        using var connection = t.OpenRaw();
        using var transaction = connection.BeginTransaction();
        using var item = connection.CreateCommand();
        item.CommandText = """
            INSERT INTO work_items (id, queue, reference, payload_json, attachments_json, priority, due_at, state, attempts,
                                    outcome_json, confidence, outcome_decided_by, created_at, updated_at)
            VALUES ($id, $queue, $ref, '{}', '[]', 0, $due, $state, 1, $outcome, $confidence, $by, $created, $updated);
            """;
        using var review = connection.CreateCommand();
        review.CommandText = """
            INSERT INTO review_tasks (item_id, bot, category, proposal_json, confidence, evidence_json, reasons_json, urgent, escalated, created_at, closed_at)
            VALUES ($id, 'InboundPost', $category, '{}', $confidence, '{}', '[]', $urgent, 0, $created, $closed);
            """;
        using var audit = connection.CreateCommand();
        audit.CommandText = """
            INSERT INTO audit_log (item_id, reference, at, actor, from_state, to_state, reason)
            VALUES ($id, $ref, $at, $actor, $from, $to, $reason);
            """;
        using var label = connection.CreateCommand();
        label.CommandText = """
            INSERT INTO labelled_examples (bot, item_id, reference, payload_json, proposed_category, corrected_category, corrected_outcome_json, reviewer, at)
            VALUES ('InboundPost', $id, $ref, '{}', $category, 'other', '{}', 'alice', $at);
            """;
        string[] queues = ["inbound-post", "incident-reports", "financial-assessments", "contact-forms"];
        WorkItemState[] others = [WorkItemState.New, WorkItemState.NeedsReview, WorkItemState.DeadLettered, WorkItemState.BusinessException, WorkItemState.Retrying];
        for (var id = 1; id <= count; id++)
        {
            var reference = "REF-" + id;
            var category = "cat-" + (id % 8);
            var created = now - (long)(random.NextDouble() * TimeSpan.FromDays(10).TotalMilliseconds);
            var completed = random.NextDouble() < 0.7;
            var reviewed = completed ? random.NextDouble() < 0.1 : false;
            var state = completed ? WorkItemState.Completed : others[random.Next(others.Length)];
            var confidence = reviewed ? 0.5 + (random.NextDouble() * 0.49) : 0.99;
            Bind(item, ("$id", id), ("$queue", queues[id % queues.Length]), ("$ref", reference),
                ("$due", random.NextDouble() < 0.5 ? created + (long)TimeSpan.FromDays(2).TotalMilliseconds : null),
                ("$state", (int)state), ("$outcome", completed ? "{\"category\":\"" + category + "\"}" : null),
                ("$confidence", completed ? confidence : null), ("$by", completed ? (reviewed ? "reviewer:alice" : "InboundPost") : null),
                ("$created", created), ("$updated", created + 1000));
            item.ExecuteNonQuery();
            Bind(audit, ("$id", id), ("$ref", reference), ("$at", created), ("$actor", "test"), ("$from", null), ("$to", 0), ("$reason", "enqueued"));
            audit.ExecuteNonQuery();
            if (reviewed || state == WorkItemState.NeedsReview)
            {
                Bind(review, ("$id", id), ("$category", category), ("$confidence", confidence), ("$urgent", id % 50 == 0 ? 1 : 0),
                    ("$created", created + 100), ("$closed", reviewed ? created + 500 : null));
                review.ExecuteNonQuery();
            }

            if (reviewed)
            {
                var agreed = random.NextDouble() < confidence;
                Bind(audit, ("$id", id), ("$ref", reference), ("$at", created + 500), ("$actor", "reviewer:alice"),
                    ("$from", (int)WorkItemState.NeedsReview), ("$to", 0), ("$reason", agreed ? "approved" : "corrected: wrong"));
                audit.ExecuteNonQuery();
                if (!agreed)
                {
                    Bind(label, ("$id", id), ("$ref", reference), ("$category", category), ("$at", created + 500));
                    label.ExecuteNonQuery();
                }
            }
        }

        transaction.Commit();
        using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE;";
        analyze.ExecuteNonQuery();
    }

    private static void Bind(SqliteCommand command, params (string Name, object? Value)[] values)
    {
        command.Parameters.Clear();
        foreach (var (name, value) in values)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
    }
}
