using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Portal.Tests.EndToEnd;
using Microsoft.Playwright;

namespace AutomationFleet.Portal.Tests.Admin;

/// <summary>Pausing a bot from /admin/bots and cancelling an item from /admin/audit and the review item page, in Chromium.</summary>
[Collection(AdminCollection.Name)]
[Trait("Category", "Integration")]
public sealed class BotPauseAndCancelPagesTests(AdminPortalFixture fixture)
{
    private const string OtherBot = "contact-forms";
    // The fixture's queue (the dashboard tests expect one queue); high priority, so a test's lease takes its own item.
    private const string Queue = AdminPortalFixture.Queue;
    private const int First = 100;
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Bots_AdministratorPausesWithReason_StoredAuditedShownOnDashboardThenResumed()
    {
        var page = await AxePageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/admin/bots");
        var row = page.Locator("#bots tbody tr").Filter(new() { HasText = OtherBot });
        await Assertions.Expect(row).ToContainTextAsync("running");

        await page.GetByLabel("Reason to pause " + OtherBot).FillAsync("new form layout from the website team");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pause " + OtherBot }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Bot {OtherBot} paused");
        await Assertions.Expect(row).ToContainTextAsync("paused");
        await Assertions.Expect(row).ToContainTextAsync("new form layout from the website team");
        var pause = Assert.Single(await fixture.Store.ListBotPausesAsync(None));
        Assert.Equal((OtherBot, "ada"), (pause.Bot, pause.PausedBy));
        var violations = (await AxeCore.SeriousViolationsAsync(page)).Select(v => "bots (paused): " + v).ToList();
        await AdminPortalFixture.ScreenshotAsync(page, "admin-06-bots-paused");

        await page.GotoAsync(fixture.BaseUrl + "/dashboard");
        await Assertions.Expect(page.Locator("#paused-bots tbody tr")).ToContainTextAsync(OtherBot);
        violations.AddRange((await AxeCore.SeriousViolationsAsync(page)).Select(v => "dashboard (paused bot): " + v));

        await page.GotoAsync(fixture.BaseUrl + "/admin/bots");
        await page.GetByLabel("Reason to resume " + OtherBot).FillAsync("layout handled");
        await page.GetByRole(AriaRole.Button, new() { Name = "Resume " + OtherBot }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Bot {OtherBot} resumed");
        Assert.Empty(await fixture.Store.ListBotPausesAsync(None));
        var audit = await fixture.Store.ListSecurityEventsAsync(BotPause.AuditTarget(OtherBot), 10, None);
        Assert.Equal([AuditActions.BotResumed, AuditActions.BotPaused], audit.Take(2).Select(a => a.Action));
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public async Task Bots_PauseWithoutReason_Refused422AndNothingPaused()
    {
        var page = await fixture.SignedInPageAsync("ada");
        await page.GotoAsync(fixture.BaseUrl + "/admin/bots");
        // The browser would not submit an empty required field; a forged post can.
        await page.EvalOnSelectorAsync("#reason-" + OtherBot, "e => e.removeAttribute('required')");

        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Pause " + OtherBot }).ClickAsync(),
            r => r.Request.Method == "POST");

        Assert.Equal(422, response.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Give a reason");
        Assert.Empty(await fixture.Store.ListBotPausesAsync(None));
    }

    [Fact]
    public async Task Bots_Supervisor_Forbidden()
    {
        var page = await fixture.SignedInPageAsync("sue");

        Assert.Equal(403, (await page.GotoAsync(fixture.BaseUrl + "/admin/bots"))!.Status);
    }

    [Fact]
    public async Task ItemSearch_CancelWithReason_CancelledPayloadKeptAndAudited()
    {
        await fixture.Store.EnqueueAsync(new NewWorkItem(Queue, "inbox:cancel-me", "{\"letter\":7}"), "test", None);
        var page = await fixture.SignedInPageAsync("ada");
        await page.GotoAsync(fixture.BaseUrl + "/admin/audit?reference=inbox:cancel-me");

        await page.GetByLabel("Reason to cancel this item").FillAsync("the sender withdrew it");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel item" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("cancelled");
        await Assertions.Expect(page.Locator("table tbody tr").Last).ToContainTextAsync("the sender withdrew it");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel item" })).ToHaveCountAsync(0);
        var item = await fixture.Store.FindAsync("inbox:cancel-me", None);
        Assert.Equal((WorkItemState.Cancelled, "{\"letter\":7}"), (item!.State, item.PayloadJson));
        Assert.Equal("admin:ada", (await fixture.Store.GetAuditTrailAsync(item.Id, None))[^1].Actor);
        // Each load of Item search is itself audited (audit-searched); the cancel is one row of its own.
        var events = await fixture.Store.ListSecurityEventsAsync("inbox:cancel-me", 10, None);
        var cancelled = Assert.Single(events, e => e.Action == AuditActions.ItemCancelled);
        Assert.Equal("admin:ada", cancelled.Actor);
        Assert.Contains(events, e => e.Action == AuditActions.AuditSearched && e.Actor == "ada");
    }

    [Fact]
    public async Task ItemSearch_ShortReference_FindsTheItemShowingBothReferences()
    {
        var item = await fixture.Store.FindAsync("inbox:approved-1", None);
        var page = await fixture.SignedInPageAsync("ada");
        await page.GotoAsync(fixture.BaseUrl + "/admin/audit");

        await page.GetByLabel("Item reference").FillAsync(ShortReference.For(item!.Id).ToLowerInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        await Assertions.Expect(page.Locator("h2").First).ToContainTextAsync(ShortReference.For(item.Id));
        await Assertions.Expect(page.Locator("h2").First).ToContainTextAsync("inbox:approved-1");
    }

    [Fact]
    public async Task ItemSearch_CancelItemHeldByAWorker_Refused409NamingTheWorker()
    {
        await fixture.Store.EnqueueAsync(new NewWorkItem(Queue, "inbox:held-1", "{}", Priority: First), "test", None);
        await fixture.Store.LeaseAsync(Queue, "worker-9", 1, TimeSpan.FromMinutes(10), None);
        var page = await fixture.SignedInPageAsync("ada");
        await page.GotoAsync(fixture.BaseUrl + "/admin/audit?reference=inbox:held-1");

        await page.GetByLabel("Reason to cancel this item").FillAsync("withdrawn");
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Cancel item" }).ClickAsync(),
            r => r.Request.Method == "POST");

        var state = (await fixture.Store.FindAsync("inbox:held-1", None))!.State;
        var held = (await fixture.Store.FindAsync("inbox:held-1", None))!;
        // Leave the fixture's counts as the other tests expect them (nothing more completed or waiting).
        await fixture.Store.ReleaseAsync(held.Id, "worker-9", "test done", None);
        await fixture.Store.CancelAsync("inbox:held-1", "test", "clean up", None);

        Assert.Equal(409, response.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("being worked on by worker-9");
        Assert.Equal(WorkItemState.InProgress, state);
    }

    [Fact]
    public async Task ReviewItem_AdministratorCancelsItemInReview_TaskClosedItemCancelled()
    {
        await fixture.Store.EnqueueAsync(new NewWorkItem(Queue, "inbox:review-cancel", "{}", Priority: First), "test", None);
        var item = Assert.Single(await fixture.Store.LeaseAsync(Queue, "w1", 1, TimeSpan.FromMinutes(5), None));
        await fixture.Store.SendToReviewAsync(item.Id, "w1", new ReviewRequest("inbound-post", "council-tax", "{}", 0.5, "{}", ["low confidence"], Urgent: false), None);
        var page = await AxePageAsync();
        await page.GotoAsync($"{fixture.BaseUrl}/review/items/{item.Id}");
        var violations = await AxeCore.SeriousViolationsAsync(page);

        await page.GetByLabel("Reason to cancel this item").FillAsync("duplicate of another letter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel item" }).ClickAsync();

        await Assertions.Expect(page.Locator("#item-state")).ToHaveTextAsync("Cancelled");
        Assert.Null(await fixture.Store.GetAsync(item.Id, None));
        Assert.Equal("duplicate of another letter", (await fixture.Store.GetAuditTrailAsync(item.Id, None))[^1].Reason);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public async Task ReviewItem_SupervisorPostsCancel_Forbidden()
    {
        await fixture.Store.EnqueueAsync(new NewWorkItem(Queue, "inbox:sup-cancel", "{}", Priority: First), "test", None);
        var item = Assert.Single(await fixture.Store.LeaseAsync(Queue, "w1", 1, TimeSpan.FromMinutes(5), None));
        await fixture.Store.SendToReviewAsync(item.Id, "w1", new ReviewRequest("inbound-post", "council-tax", "{}", 0.5, "{}", ["low confidence"], Urgent: false), None);
        var page = await fixture.SignedInPageAsync("sue");
        await page.GotoAsync($"{fixture.BaseUrl}/review/items/{item.Id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel item" })).ToHaveCountAsync(0);

        // A forged post with the page's own anti-forgery token.
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var form = page.Context.APIRequest.CreateFormData();
        form.Set("__RequestVerificationToken", token!);
        form.Set("reason", "forged");
        var response = await page.Context.APIRequest.PostAsync($"{fixture.BaseUrl}/review/items/{item.Id}?handler=Cancel", new() { Form = form });

        var state = (await fixture.Store.FindAsync("inbox:sup-cancel", None))!.State;
        // Leave the fixture's review backlog as the other tests expect it.
        await fixture.Store.CancelAsync("inbox:sup-cancel", "test", "clean up", None);

        Assert.Equal(403, response.Status);
        Assert.Equal(WorkItemState.NeedsReview, state);
    }

    /// <summary>An administrator's page that axe-core can inspect (its script is injected, so the CSP is bypassed).</summary>
    private async Task<IPage> AxePageAsync()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BypassCSP = true,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await PortalFixture.SignInAsync(page, fixture.BaseUrl, "ada", AdminPortalFixture.Password);
        await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
        return page;
    }
}
