using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using AutomationFleet.Core.Users;
using AutomationFleet.Portal.Security;
using AutomationFleet.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AutomationFleet.Portal.Tests.EndToEnd;

/// <summary>
/// The review list and item pages with 100,000 items in the store: they render, and their times are reported.
/// Measured from the test over loopback (an upper bound of server time), median of 10 after a warm-up, and printed
/// as a benchmark line (the README's measured table quotes it). Times are not asserted: a loaded CI machine must not
/// fail a correct build.
/// </summary>
[Collection(PortalCollection.Name)]
[Trait("Category", "Integration")]
public sealed class LargeStoreTimingTests(PortalFixture fixture, ITestOutputHelper output)
{
    private const int Items = 100_000;

    [Fact]
    public async Task ReviewPages_HundredThousandItemsInReview_RenderAndReportTimes()
    {
        var root = Directory.CreateTempSubdirectory("fleet-portal-large-").FullName;
        try
        {
            var options = new SqliteStoreOptions { Path = Path.Combine(root, "fleet.db") };
            await using var store = new SqliteFleetStore(options, TimeProvider.System);
            await store.InitializeAsync(CancellationToken.None);
            var seed = Stopwatch.StartNew();
            Seed(options.FullPath);
            output.WriteLine($"seeded {Items} items in review in {seed.ElapsedMilliseconds} ms");
            await store.AddUserAsync("rita", PortalPasswords.Hash(PortalFixture.Password), UserRole.Reviewer, "test", CancellationToken.None);
            await store.GrantQueueAsync("rita", "inbound-post", "test", CancellationToken.None);
            await using var app = await PortalFixture.StartPortalAsync(store, new FileBlobStore(Path.Combine(root, "blobs")), new Dictionary<string, string?>());
            var baseUrl = PortalFixture.Address(app);
            var page = await fixture.NewPageAsync();
            await PortalFixture.SignInAsync(page, baseUrl, "rita");
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review$"));

            var list = await MedianAsync(page, baseUrl + "/review");
            var filtered = await MedianAsync(page, baseUrl + "/review?bot=inbound-post&category=highways");
            var byService = await MedianAsync(page, baseUrl + "/review?service=Service%20council-tax");
            var item = await MedianAsync(page, baseUrl + "/review/items/" + ((Items / 2) + 1).ToString(CultureInfo.InvariantCulture));
            output.WriteLine($"benchmark: median over loopback: queue page {list} ms, filtered {filtered} ms, by service {byService} ms, item page {item} ms");
            await app.StopAsync();

        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<long> MedianAsync(IPage page, string url)
    {
        var times = new List<long>();
        for (var i = 0; i < 11; i++)
        {
            var watch = Stopwatch.StartNew();
            var response = await page.Context.APIRequest.GetAsync(url);
            await response.BodyAsync();
            watch.Stop();
            Assert.Equal(200, response.Status);
            if (i > 0)
            {
                times.Add(watch.ElapsedMilliseconds);
            }
        }

        times.Sort();
        return times[times.Count / 2];
    }

    // Bulk rows straight into the file (the contracts would take minutes): what enqueue, lease and SendToReviewAsync
    // leave behind — an item in NeedsReview, its open review task and three audit rows.
    private static void Seed(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var transaction = connection.BeginTransaction();
        var categories = new[] { "blue-badge", "highways", "adult-social-care", "council-tax", "complaint" };
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using var item = Command(connection, """
            INSERT INTO work_items (id, queue, reference, payload_json, attachments_json, priority, due_at, state, attempts, created_at, updated_at)
            VALUES ($id, $queue, $reference, '{}', '[]', 0, $due, 3, 1, $at, $at);
            """);
        using var task = Command(connection, """
            INSERT INTO review_tasks (item_id, bot, category, proposal_json, confidence, evidence_json, reasons_json, urgent, escalated, service, queue, created_at)
            VALUES ($id, 'inbound-post', $category, $proposal, 0.7, $evidence, '["Confidence below the threshold."]', $urgent, $escalated, $service, $queue, $at);
            """);
        using var audit = Command(connection, """
            INSERT INTO audit_log (item_id, reference, at, actor, from_state, to_state, reason) VALUES
            ($id, $reference, $at, 'test', NULL, 0, 'enqueued'),
            ($id, $reference, $at, 'worker:w', 0, 1, 'leased'),
            ($id, $reference, $at, 'worker:w', 1, 3, 'to review');
            """);
        for (var id = 1; id <= Items; id++)
        {
            var category = categories[id % categories.Length];
            var reference = "inbox:large-" + id.ToString(CultureInfo.InvariantCulture);
            var at = now - ((Items - id) * 1000L);
            var queue = id % 10 == 0 ? "contact-forms" : "inbound-post";
            Run(item, ("$id", id), ("$queue", queue), ("$reference", reference), ("$due", id % 3 == 0 ? at + 86_400_000 : null), ("$at", at));
            Run(task, ("$id", id), ("$category", category), ("$proposal", $$"""{"category":"{{category}}"}"""),
                ("$evidence", $$"""{"classification":{"label":"{{category}}","probability":0.7,"fittedThreshold":0.9,"top":[{"label":"{{category}}","probability":0.7}]},"fields":[],"pages":[]}"""),
                ("$urgent", id % 997 == 0 ? 1 : 0), ("$escalated", id % 101 == 0 ? 1 : 0), ("$service", "Service " + category), ("$queue", queue), ("$at", at));
            Run(audit, ("$id", id), ("$reference", reference), ("$at", at));
        }

        transaction.Commit();

        static SqliteCommand Command(SqliteConnection connection, string sql)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            return command;
        }

        static void Run(SqliteCommand command, params (string Name, object? Value)[] parameters)
        {
            command.Parameters.Clear();
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            command.ExecuteNonQuery();
        }
    }
}
