using System.Diagnostics;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Storage.Tests.Contracts;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace AutomationFleet.Storage.Tests.Sqlite;

/// <summary>The metrics contract on SQLite, and the dashboard's queries over 100,000 items.</summary>
[Trait("Category", "Integration")]
public sealed class SqliteFleetStoreMetricsTests(ITestOutputHelper output) : FleetMetricsContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected override async Task<StoreHarness> CreateStoreAsync() => await SqliteHarness.CreateAsync();

    [Fact]
    public async Task DashboardQueries_HundredThousandItems_AnswerAndReportTimes()
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
            // Reported, not asserted: a loaded CI machine must not fail a correct build. The README quotes these.
            output.WriteLine($"benchmark: {name}: {elapsed.TotalMilliseconds:F1} ms");
        }

        var straight = await t.Store.GetStraightThroughAsync(TimeSpan.FromDays(7), None);
        Assert.True(straight.Sum(s => s.Total) > 40_000);
        Assert.True((await t.Store.GetReviewedSamplesAsync("InboundPost", "cat-3", None)).Count > 100);
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
