using System.Text.RegularExpressions;
using AutomationFleet.Core.WorkItems;
using Microsoft.Playwright;

namespace AutomationFleet.Portal.Tests.Admin;

[Collection(AdminCollection.Name)]
[Trait("Category", "Integration")]
public sealed class AdminPagesTests(AdminPortalFixture fixture)
{
    [Fact]
    public async Task Dashboard_Supervisor_ShowsBacklogRatesDepthAndWorkers()
    {
        // The fixture's worker beat at start; the other tests in the collection may have taken longer than StaleAfter.
        await fixture.Store.HeartbeatAsync(new Core.Workers.WorkerHeartbeat("worker-a", "host-a", 4242, [AdminPortalFixture.Queue], 0), CancellationToken.None);
        var page = await fixture.SignedInPageAsync("sue");

        var response = await page.GotoAsync(fixture.BaseUrl + "/dashboard");

        Assert.Equal(200, response!.Status);
        var backlog = page.Locator("section[aria-labelledby=backlog] tbody tr td");
        await Assertions.Expect(backlog.Nth(0)).ToHaveTextAsync("1");
        await Assertions.Expect(backlog.Nth(3)).ToHaveTextAsync("1");
        var rates = page.Locator("section[aria-labelledby=rates] tbody tr");
        await Assertions.Expect(rates.Filter(new() { HasText = "council-tax" })).ToContainTextAsync("100.0 %");
        await Assertions.Expect(rates.Filter(new() { HasText = "blue-badge" })).ToContainTextAsync("0 / 3");
        await Assertions.Expect(page.Locator("section[aria-labelledby=depth] tbody th")).ToHaveTextAsync(AdminPortalFixture.Queue);
        await Assertions.Expect(page.Locator("section[aria-labelledby=workers] tbody tr")).ToContainTextAsync("worker-a");
        await Assertions.Expect(page.Locator("section[aria-labelledby=workers] tbody tr")).ToContainTextAsync("live");
        await AdminPortalFixture.ScreenshotAsync(page, "admin-01-dashboard");
        Assert.Equal(403, (await page.GotoAsync(fixture.BaseUrl + "/admin/dead-letters"))!.Status);
    }

    [Fact]
    public async Task Dashboard_Reviewer_Forbidden()
    {
        var page = await fixture.SignedInPageAsync("rita");

        var response = await page.GotoAsync(fixture.BaseUrl + "/dashboard");

        Assert.Equal(403, response!.Status);
    }

    [Fact]
    public async Task Thresholds_ReviewedCategory_CurveAndConfigKey()
    {
        var page = await fixture.SignedInPageAsync("ada");
        await page.GotoAsync(fixture.BaseUrl + "/admin/thresholds");
        await page.GetByRole(AriaRole.Link, new() { Name = "Trade-off curve for inbound-post blue-badge" }).ClickAsync();

        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("0.930 (configured for the category)");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Confidence:Bots:inbound-post:Categories:blue-badge");
        var row = page.Locator("table").Last.Locator("tbody tr").Filter(new() { HasTextRegex = new Regex("^0\\.750") });
        // 0.90 and 0.80 approved, 0.70 corrected: at 0.75 two would have been automatic, both right.
        await Assertions.Expect(row.Locator("td")).ToHaveTextAsync(["0.750", "2", "0.667", "2", "1.000", "0"]);
        var low = page.Locator("table").Last.Locator("tbody tr").Filter(new() { HasTextRegex = new Regex("^0\\.500") });
        await Assertions.Expect(low.Locator("td")).ToHaveTextAsync(["0.500", "3", "1.000", "2", "0.667", "1"]);
        await AdminPortalFixture.ScreenshotAsync(page, "admin-02-thresholds");
    }

    [Fact]
    public async Task DeadLetters_Replay_ItemBackToNewAndAudited()
    {
        var page = await fixture.SignedInPageAsync("ada");
        await page.GotoAsync(fixture.BaseUrl + "/admin/dead-letters");
        await Assertions.Expect(page.Locator("tbody tr")).ToContainTextAsync("SMTP refused");
        await AdminPortalFixture.ScreenshotAsync(page, "admin-03-dead-letters");

        await page.GetByRole(AriaRole.Button, new() { Name = "Replay " + AdminPortalFixture.DeadReference }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("replayed");
        var item = await fixture.Store.FindAsync(AdminPortalFixture.DeadReference, CancellationToken.None);
        Assert.Equal(WorkItemState.New, item!.State);
        var trail = await fixture.Store.GetAuditTrailAsync(item.Id, CancellationToken.None);
        Assert.Equal("admin:ada", trail[^1].Actor);
        var security = await fixture.Store.ListSecurityEventsAsync(AdminPortalFixture.DeadReference, 10, CancellationToken.None);
        Assert.Contains(security, e => e.Actor == "ada" && e.Action == "dead-letter-replayed");
    }

    [Fact]
    public async Task DeadLetters_PostWithoutAntiforgeryToken_Refused400()
    {
        var page = await fixture.SignedInPageAsync("ada");

        var response = await page.Context.APIRequest.PostAsync(
            fixture.BaseUrl + "/admin/dead-letters?handler=Replay",
            new() { Form = page.Context.APIRequest.CreateFormData().Set("reference", AdminPortalFixture.DeadReference) });

        Assert.Equal(400, response.Status);
    }

    [Fact]
    public async Task Schedules_PauseThenTrigger_PostedToScheduleControl()
    {
        var page = await fixture.SignedInPageAsync("ada");
        await page.GotoAsync(fixture.BaseUrl + "/admin/schedules");
        await Assertions.Expect(page.Locator("tbody tr")).ToContainTextAsync("2030-01-02 02:00 UTC");

        await page.GetByRole(AriaRole.Button, new() { Name = "Pause nightly-rent-arrears" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("paused");
        await page.GetByRole(AriaRole.Button, new() { Name = "Trigger now nightly-rent-arrears" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("triggered");
        await AdminPortalFixture.ScreenshotAsync(page, "admin-04-schedules");
        await page.GetByRole(AriaRole.Button, new() { Name = "Resume nightly-rent-arrears" }).ClickAsync();

        Assert.Equal(["pause nightly-rent-arrears by ada", "trigger nightly-rent-arrears", "resume nightly-rent-arrears"], fixture.Schedules.Actions);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("resumed");
        var security = (await fixture.Store.ListSecurityEventsAsync("schedule:nightly-rent-arrears", 10, CancellationToken.None)).Reverse().ToList();
        Assert.Equal(["schedule-paused", "schedule-triggered", "schedule-resumed"], security.Select(e => e.Action));
        Assert.All(security, e => Assert.Equal("ada", e.Actor));
    }

    [Fact]
    public async Task Audit_SearchByReference_ShowsTrail()
    {
        var page = await fixture.SignedInPageAsync("ada");
        await page.GotoAsync(fixture.BaseUrl + "/admin/audit");

        await page.GetByLabel("Item reference").FillAsync("inbox:corrected-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        await Assertions.Expect(page.Locator("table tbody tr")).ToHaveCountAsync(6);
        await Assertions.Expect(page.Locator("table tbody")).ToContainTextAsync("reviewer:rita");
        await Assertions.Expect(page.Locator("table tbody")).ToContainTextAsync("corrected: wrong service");
        await AdminPortalFixture.ScreenshotAsync(page, "admin-05-audit");
        var security = await fixture.Store.ListSecurityEventsAsync("inbox:corrected-1", 10, CancellationToken.None);
        Assert.Contains(security, e => e.Actor == "ada" && e.Action == "audit-searched" && e.Detail == "trail shown");
    }

    [Fact]
    public async Task Metrics_ScrapeToken_PrometheusTextFromStore()
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminPortalFixture.MetricsToken);
        using var response = await http.GetAsync(new Uri(fixture.BaseUrl + "/metrics"));

        Assert.True(response.IsSuccessStatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE fleet_queue_depth gauge\n", text, StringComparison.Ordinal);
        Assert.Contains("fleet_items_finished_total{queue=\"inbound-post\",state=\"Completed\"} 6\n", text, StringComparison.Ordinal);
        Assert.Contains("fleet_review_backlog{sla=\"overdue\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("fleet_review_oldest_age_seconds ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_AnonymousOrWrongToken_Unauthorized401()
    {
        using var anonymous = new HttpClient();
        using var wrong = new HttpClient();
        wrong.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminPortalFixture.MetricsToken + "x");

        using var none = await anonymous.GetAsync(new Uri(fixture.BaseUrl + "/metrics"));
        using var bad = await wrong.GetAsync(new Uri(fixture.BaseUrl + "/metrics"));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.DoesNotContain("fleet_", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_SignedInAccount_Ok()
    {
        var page = await fixture.SignedInPageAsync("rita");

        var response = await page.Context.APIRequest.GetAsync(fixture.BaseUrl + "/metrics");

        Assert.Equal(200, response.Status);
        Assert.Contains("# TYPE fleet_queue_depth gauge", await response.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_LiveAndReady_Anonymous200()
    {
        using var http = new HttpClient();

        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(new Uri(fixture.BaseUrl + "/health/live"))).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(new Uri(fixture.BaseUrl + "/health/ready"))).StatusCode);
    }
}
