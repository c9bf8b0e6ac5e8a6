using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Confidence;
using AutomationFleet.Portal.Tests.EndToEnd;
using Microsoft.Playwright;

namespace AutomationFleet.Portal.Tests.Admin;

[Collection(AdminCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ThresholdOverridePagesTests(AdminPortalFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Thresholds_AdministratorProposesSeesCostAndApplies_NewValueAndAuditRowShownThenRemoved()
    {
        var page = await fixture.SignedInPageAsync("ada");
        await page.GotoAsync(fixture.BaseUrl + "/admin/thresholds");
        // Picked from lists, not typed: the fleet's bots, and each bot's configured and reviewed categories.
        await page.GetByLabel("Bot", new() { Exact = true }).SelectOptionAsync(AdminPortalFixture.Bot);
        await page.GetByLabel("Category").SelectOptionAsync("blue-badge");
        await page.GetByLabel("Threshold (0 to 1)").FillAsync("0.75");
        await page.GetByRole(AriaRole.Button, new() { Name = "See what it would have done" }).ClickAsync();

        // Reviewed: 0.90 and 0.80 approved, 0.70 corrected. At 0.75 two would have been automatic, both right.
        var cost = page.Locator("section[aria-labelledby=proposal-heading] table tbody td");
        await Assertions.Expect(cost).ToHaveTextAsync(["3", "2 (66.7 %)", "2 (100.0 %)", "34.2 %", "0 of 1"]);
        await Assertions.Expect(page.Locator("section[aria-labelledby=proposal-heading]")).ToContainTextAsync("Too few reviewed items to trust");
        await Assertions.Expect(page.Locator("section[aria-labelledby=proposal-heading]")).ToContainTextAsync("In force now: 0.930 (configured for the category)");
        await AdminPortalFixture.ScreenshotAsync(page, "admin-06-threshold-proposal");
        Assert.Empty(await fixture.Store.ListThresholdOverridesAsync(None));

        await page.GetByLabel("Reason (kept in the security audit)").FillAsync("blue badge proposals are reliable above 0.75");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply 0.750" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Applied: inbound-post / blue-badge is now 0.750 (was the configured value)");
        await Assertions.Expect(page.Locator("section[aria-labelledby=curve-heading]")).ToContainTextAsync("In force: 0.750 (override set by ada; configured 0.930)");
        var row = page.Locator("section[aria-labelledby=overrides-heading] tbody tr");
        await Assertions.Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("0.750");
        await Assertions.Expect(row).ToContainTextAsync("blue badge proposals are reliable above 0.75");
        var history = page.Locator("section[aria-labelledby=history-heading] tbody tr").First;
        await Assertions.Expect(history).ToContainTextAsync("ada");
        await Assertions.Expect(history).ToContainTextAsync("threshold-set");
        await Assertions.Expect(history).ToContainTextAsync("configuration → 0.750; reason: blue badge proposals are reliable above 0.75");
        await AdminPortalFixture.ScreenshotAsync(page, "admin-07-threshold-applied");
        var stored = Assert.Single(await fixture.Store.ListThresholdOverridesAsync(None));
        Assert.Equal(("blue-badge", 0.75, "ada"), (stored.Category, stored.Threshold, stored.SetBy));

        await page.GetByLabel("Reason for removing the override of inbound-post / blue-badge").FillAsync("back to the fitted value");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove the override of inbound-post / blue-badge" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Removed the override of inbound-post / blue-badge (0.750)");
        Assert.Empty(await fixture.Store.ListThresholdOverridesAsync(None));
        var audit = await fixture.Store.ListSecurityEventsAsync(ThresholdOverride.AuditTarget(AdminPortalFixture.Bot, "blue-badge"), 5, None);
        Assert.Equal(
            [(AuditActions.ThresholdCleared, "override 0.750 → configuration; reason: back to the fitted value"),
             (AuditActions.ThresholdSet, "configuration → 0.750; reason: blue badge proposals are reliable above 0.75")],
            audit.Select(a => (a.Action, a.Detail)));
    }

    [Fact]
    public async Task Thresholds_NeverAutomaticCategory_RefusedOnProposalAndOnPost()
    {
        var page = await fixture.SignedInPageAsync("ada");
        await page.GotoAsync(fixture.BaseUrl + "/admin/thresholds?bot=inbound-post&category=safeguarding-concern&proposed=0.5");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("is never automatic");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Apply 0.500" })).ToHaveCountAsync(0);

        // A form for another category, altered in the browser before it is posted: the server checks again.
        await page.GotoAsync(fixture.BaseUrl + "/admin/thresholds?bot=inbound-post&category=council-tax&proposed=0.5");
        await page.Locator("form input[name=category][type=hidden]").First.EvaluateAsync("e => e.value = 'Safeguarding-Concern'");
        await page.GetByLabel("Reason (kept in the security audit)").FillAsync("let it through");
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Apply 0.500" }).ClickAsync(),
            r => r.Request.Method == "POST");

        Assert.Equal(400, response.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("no threshold can make them automatic");
        Assert.Empty(await fixture.Store.ListThresholdOverridesAsync(None));
    }

    [Fact]
    public async Task Thresholds_ApplyWithoutReason_Refused400()
    {
        var page = await fixture.SignedInPageAsync("ada");
        await page.GotoAsync(fixture.BaseUrl + "/admin/thresholds?bot=inbound-post&category=council-tax&proposed=0.9");
        await page.Locator("#reason").EvaluateAsync("e => e.removeAttribute('required')");

        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Apply 0.900" }).ClickAsync(),
            r => r.Request.Method == "POST");

        Assert.Equal(400, response.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("A reason is required");
        Assert.Empty(await fixture.Store.ListThresholdOverridesAsync(None));
    }

    [Theory]
    [InlineData("sue")]
    [InlineData("rita")]
    public async Task Thresholds_SupervisorOrReviewer_PageAndPostForbiddenAndAudited(string name)
    {
        var page = await fixture.SignedInPageAsync(name);

        var get = await page.GotoAsync(fixture.BaseUrl + "/admin/thresholds?bot=inbound-post&category=council-tax&proposed=0.5");
        var post = await page.Context.APIRequest.PostAsync(
            fixture.BaseUrl + "/admin/thresholds?handler=Apply",
            new()
            {
                Form = page.Context.APIRequest.CreateFormData()
                    .Set("bot", AdminPortalFixture.Bot).Set("category", "council-tax").Set("proposed", "0.5").Set("reason", "mine"),
            });

        Assert.Equal(403, get!.Status);
        Assert.Equal(403, post.Status);
        Assert.Empty(await fixture.Store.ListThresholdOverridesAsync(None));
        var denied = (await fixture.Store.ListSecurityEventsAsync("/admin/thresholds", 50, None)).Where(e => e.Actor == name && e.Action == "denied").ToList();
        Assert.True(denied.Count >= 2, $"expected the GET and the POST denied and audited for {name}, found {denied.Count}");
    }

    [Fact]
    public async Task Thresholds_PostWithoutAntiforgeryToken_Refused400()
    {
        var page = await fixture.SignedInPageAsync("ada");

        var response = await page.Context.APIRequest.PostAsync(
            fixture.BaseUrl + "/admin/thresholds?handler=Apply",
            new()
            {
                Form = page.Context.APIRequest.CreateFormData()
                    .Set("bot", AdminPortalFixture.Bot).Set("category", "council-tax").Set("proposed", "0.5").Set("reason", "no token"),
            });

        Assert.Equal(400, response.Status);
        Assert.Empty(await fixture.Store.ListThresholdOverridesAsync(None));
    }

    [Fact]
    public async Task AdminPages_AxeCore_NoSeriousOrCriticalViolations()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BypassCSP = true,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await PortalFixture.SignInAsync(page, fixture.BaseUrl, "ada", AdminPortalFixture.Password);
        await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
        var violations = new List<string>();
        (string Name, string Path)[] pages =
        [
            ("dashboard", "/dashboard"), ("admin", "/admin"), ("schedules", "/admin/schedules"), ("thresholds", "/admin/thresholds"),
            ("thresholds-curve", "/admin/thresholds?bot=inbound-post&category=blue-badge"),
            ("thresholds-proposal", "/admin/thresholds?bot=inbound-post&category=blue-badge&proposed=0.8"),
            ("thresholds-proposal-bot", "/admin/thresholds?bot=inbound-post&proposed=0.8"),
            ("thresholds-refused", "/admin/thresholds?bot=inbound-post&category=safeguarding-concern&proposed=0.8"),
            ("dead-letters", "/admin/dead-letters"), ("audit", "/admin/audit?reference=inbox:approved-1"), ("bots", "/admin/bots"),
            ("retention", "/admin/retention"),
        ];
        foreach (var (name, path) in pages)
        {
            var response = await page.GotoAsync(fixture.BaseUrl + path);
            Assert.Equal(200, response!.Status);
            violations.AddRange((await AxeCore.SeriousViolationsAsync(page)).Select(v => path + ": " + v));
            await AdminPortalFixture.ScreenshotAsync(page, "admin-axe-" + name);
        }

        await context.CloseAsync();
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }
}
