using System.Text.RegularExpressions;
using AutomationFleet.Core.WorkItems;
using Microsoft.Playwright;

namespace AutomationFleet.Portal.Tests.EndToEnd;

[Trait("Category", "Integration")]
public abstract class ReviewPortalTests(PortalFixture fixture)
{
    [Fact]
    public async Task TakeNext_CorrectWithKeyboard_ItemLeavesQueueAsNewDecidedByReviewer()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/review");
        await fixture.StoreScreenshotAsync(page, "01-sign-in");
        await PortalFixture.SignInAsync(page, fixture.BaseUrl, "rita");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review$"));
        await Assertions.Expect(page.Locator("table.queue tbody tr")).ToHaveCountAsync(PortalFixture.InboundItems);
        await Assertions.Expect(page.GetByText("form:other-1")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("table.queue tbody tr").First).ToHaveClassAsync("urgent");
        await Assertions.Expect(page.Locator("table.queue tbody tr").First).ToContainTextAsync(fixture.UrgentReference);
        await Assertions.Expect(page.Locator("#queue-count")).ToContainTextAsync("1 urgent");
        await fixture.StoreScreenshotAsync(page, "02-review-queue");

        await page.Keyboard.PressAsync("n");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review/items/\\d+$"));
        var itemId = long.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        // The full reference sits behind a click (details); its text is there without opening it.
        var reference = (await page.Locator(".reference").TextContentAsync())!.Trim();
        await Assertions.Expect(page.Locator("#top-categories")).ToContainTextAsync("highways");
        await Assertions.Expect(page.Locator("#fields")).ToContainTextAsync("BB-2041");
        await Assertions.Expect(page.Locator("#low-confidence-words")).ToContainTextAsync("renewa1");
        await Assertions.Expect(page.Locator("img.scan")).ToBeVisibleAsync();
        Assert.True(await page.Locator("img.scan").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the scan did not load");
        await fixture.StoreScreenshotAsync(page, "03-item");

        await page.Locator("body").FocusAsync();
        await page.Keyboard.PressAsync("c");
        await Assertions.Expect(page.Locator("#kind-correct")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#category")).ToBeFocusedAsync();
        await page.Locator("#category").SelectOptionAsync("highways");

        // The bot's correction form: its fields, no JSON to edit.
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator("#field-postcode")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#decision-form textarea")).ToHaveCountAsync(1);
        await page.Locator("#field-postcode").FillAsync("ab1 2ce");
        await page.Locator("#reason").FillAsync("The letter is about a pothole.");
        await Assertions.Expect(page.GetByLabel(new Regex("^Reason"))).ToHaveValueAsync("The letter is about a pothole.");
        await fixture.StoreScreenshotAsync(page, "04-item-correcting");
        await page.Locator("#reason").PressAsync("Enter");

        await Assertions.Expect(page.Locator("#decided")).ToContainTextAsync("New");
        await Assertions.Expect(page.Locator("#decided")).ToContainTextAsync("reviewer:rita");
        await fixture.StoreScreenshotAsync(page, "05-item-decided");
        var item = await fixture.Queue.FindAsync(reference, CancellationToken.None);
        Assert.NotNull(item);
        Assert.Equal(WorkItemState.New, item.State);
        Assert.Equal("reviewer:rita", item.OutcomeDecidedBy);
        using (var outcome = System.Text.Json.JsonDocument.Parse(item.OutcomeJson!))
        {
            Assert.Equal("highways", outcome.RootElement.GetProperty("category").GetString());
            var postcode = Assert.Single(outcome.RootElement.GetProperty("fields").EnumerateArray());
            Assert.Equal("AB1 2CE", postcode.GetProperty("value").GetString());
            Assert.True(postcode.GetProperty("reviewed").GetBoolean());
        }

        var trail = await fixture.Store.GetAuditTrailAsync(itemId, CancellationToken.None);
        Assert.Contains(trail, e => e.Actor == "reviewer:rita" && e.From == WorkItemState.NeedsReview && e.To == WorkItemState.New);
        var security = await fixture.Store.ListSecurityEventsAsync(reference, 50, CancellationToken.None);
        Assert.Contains(security, e => e.Actor == "rita" && e.Action == "item-view");
        Assert.Contains(security, e => e.Actor == "rita" && e.Action == "document-view");
        Assert.Contains(security, e => e.Actor == "rita" && e.Action == "review-decision" && e.Detail == "Correct");
        var examples = await fixture.Store.GetLabelledExamplesAsync("inbound-post", CancellationToken.None);
        Assert.Contains(examples, e => e.Reference == reference && e.CorrectedCategory == "highways" && e.ProposedCategory == "blue-badge");

        await page.GotoAsync(fixture.BaseUrl + "/review");
        await Assertions.Expect(page.GetByText(reference, new() { Exact = true })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ItemPage_ReviewerWithoutGrant_NotFound404LikeAMissingItemAndAudited()
    {
        var page = await fixture.NewPageAsync();
        await PortalFixture.SignInAsync(page, fixture.BaseUrl, "rita");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review$"));

        var response = await page.GotoAsync($"{fixture.BaseUrl}/review/items/{fixture.OtherQueueItemId}");

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Not found");
        await fixture.StoreScreenshotAsync(page, "06-not-yours");
        var post = await page.Context.APIRequest.GetAsync($"{fixture.BaseUrl}/review/items/{fixture.OtherQueueItemId}?handler=Document&hash=x");
        Assert.Equal(404, post.Status);
        var missing = await page.Context.APIRequest.GetAsync($"{fixture.BaseUrl}/review/items/987654321");
        Assert.Equal(404, missing.Status);
        var security = await fixture.Store.ListSecurityEventsAsync("form:other-1", 50, CancellationToken.None);
        Assert.Contains(security, e => e.Actor == "rita" && e.Action == "denied" && e.Detail.Contains("contact-forms", StringComparison.Ordinal));
        Assert.DoesNotContain(security, e => e.Actor == "rita" && e.Action == "item-view");
    }

    [Fact]
    public async Task Document_GrantedReviewer_ServedInlineFramableOnlyBySameOrigin()
    {
        var page = await fixture.NewPageAsync();
        await PortalFixture.SignInAsync(page, fixture.BaseUrl, "rita");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review$"));
        var item = await fixture.Queue.FindAsync("inbox:test-1", CancellationToken.None);

        var document = await page.Context.APIRequest.GetAsync(
            $"{fixture.BaseUrl}/review/items/{item!.Id}?handler=Document&hash={item.Attachments[0].ContentHash}");
        var missing = await page.Context.APIRequest.GetAsync($"{fixture.BaseUrl}/review/items/{item.Id}?handler=Document&hash=nope");

        Assert.Equal(200, document.Status);
        Assert.Equal("image/png", document.Headers["content-type"]);
        Assert.Equal("SAMEORIGIN", document.Headers["x-frame-options"]);
        Assert.Contains("frame-ancestors 'self'", document.Headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Equal(item.Attachments[0].Length, (await document.BodyAsync()).Length);
        Assert.Equal(404, missing.Status);
    }

    [Fact]
    public async Task ItemPage_PdfDocument_EmbeddedFromTheAuthorisedEndpoint()
    {
        var page = await fixture.NewPageAsync();
        await PortalFixture.SignInAsync(page, fixture.BaseUrl, "dora");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review$"));

        await page.GotoAsync($"{fixture.BaseUrl}/review/items/{fixture.PdfItemId}");

        var frame = page.Locator("iframe.pdf");
        await Assertions.Expect(frame).ToHaveCountAsync(1);
        var source = await frame.GetAttributeAsync("src");
        var pdf = await page.Context.APIRequest.GetAsync(fixture.BaseUrl + source);
        Assert.Equal(200, pdf.Status);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.BodyAsync())[..4]), StringComparison.Ordinal);
        await fixture.StoreScreenshotAsync(page, "07-item-pdf");
    }

    [Fact]
    public async Task SignOut_FromLayout_EndsSessionAndIsAudited()
    {
        var page = await fixture.NewPageAsync();
        await PortalFixture.SignInAsync(page, fixture.BaseUrl, "dora");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review$"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/sign-in$"));
        await page.GotoAsync(fixture.BaseUrl + "/review");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/sign-in\\?ReturnUrl="));
        var security = await fixture.Store.ListSecurityEventsAsync("dora", 20, CancellationToken.None);
        Assert.Contains(security, e => e.Action == "sign-out");
    }

    [Fact]
    public async Task Session_AccountDisabledWhileSignedIn_EndsAtNextRequest()
    {
        await fixture.Store.AddUserAsync("gone", Portal.Security.PortalPasswords.Hash(PortalFixture.Password), Core.Users.UserRole.Supervisor, "test", CancellationToken.None);
        var page = await fixture.NewPageAsync();
        await PortalFixture.SignInAsync(page, fixture.BaseUrl, "gone");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review$"));

        await fixture.Store.SetUserDisabledAsync("gone", true, "test", CancellationToken.None);
        await page.GotoAsync(fixture.BaseUrl + "/review");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/sign-in\\?ReturnUrl="));
    }

    [Fact]
    public async Task AdminPage_Reviewer_Forbidden403()
    {
        var page = await fixture.NewPageAsync();
        await PortalFixture.SignInAsync(page, fixture.BaseUrl, "sam");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review$"));

        var response = await page.GotoAsync(fixture.BaseUrl + "/admin");

        Assert.Equal(403, response!.Status);
    }

    [Fact]
    public async Task Decide_PostWithoutAntiforgeryToken_Refused400()
    {
        var page = await fixture.NewPageAsync();
        await PortalFixture.SignInAsync(page, fixture.BaseUrl, "ada");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review$"));
        var before = await fixture.Store.GetAsync(fixture.OtherQueueItemId, CancellationToken.None);

        var response = await page.Context.APIRequest.PostAsync(
            $"{fixture.BaseUrl}/review/items/{fixture.OtherQueueItemId}?handler=Decide",
            new() { Form = FormWith(page, ("Decision.Kind", "reject"), ("Decision.Reason", "forged")) });

        Assert.Equal(400, response.Status);
        var item = await fixture.Queue.FindAsync(before!.Reference, CancellationToken.None);
        Assert.Equal(WorkItemState.NeedsReview, item!.State);
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LockedOutEvenWithTheRightOne()
    {
        var page = await fixture.NewPageAsync();
        for (var i = 0; i < 5; i++)
        {
            await PortalFixture.SignInAsync(page, fixture.BaseUrl, "lena", "wrong-password-" + i);
            await Assertions.Expect(page.Locator("#sign-in-error")).ToBeVisibleAsync();
        }

        await PortalFixture.SignInAsync(page, fixture.BaseUrl, "lena");

        await Assertions.Expect(page.Locator("#sign-in-error")).ToBeVisibleAsync();
        Assert.Contains("/sign-in", page.Url, StringComparison.Ordinal);
        var account = await fixture.Store.FindUserAsync("lena", CancellationToken.None);
        Assert.True(account!.IsLockedOut(DateTimeOffset.UtcNow.AddMinutes(14)));
        var security = await fixture.Store.ListSecurityEventsAsync("lena", 50, CancellationToken.None);
        Assert.Equal(5, security.Count(e => e.Action == "sign-in-failed" && e.Detail.StartsWith("wrong password", StringComparison.Ordinal)));
        Assert.Contains(security, e => e.Action == "sign-in-failed" && e.Detail.Contains("locked for", StringComparison.Ordinal));
        Assert.Contains(security, e => e.Action == "sign-in-failed" && e.Detail == "account locked");
        Assert.DoesNotContain(security, e => e.Action == "sign-in");
    }

    [Fact]
    public async Task Session_IdleLongerThanTimeout_AsksToSignInAgain()
    {
        var page = await fixture.NewPageAsync();
        await PortalFixture.SignInAsync(page, fixture.ShortSessionBaseUrl, "tim");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review$"));

        await Task.Delay(TimeSpan.FromSeconds(4));
        await page.GotoAsync(fixture.ShortSessionBaseUrl + "/review");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/sign-in\\?ReturnUrl=%2Freview$"));
    }

    [Fact]
    public async Task Health_LiveAndReady_Ok()
    {
        var page = await fixture.NewPageAsync();

        var live = await page.Context.APIRequest.GetAsync(fixture.BaseUrl + "/health/live");
        var ready = await page.Context.APIRequest.GetAsync(fixture.BaseUrl + "/health/ready");

        Assert.Equal(200, live.Status);
        Assert.Equal(200, ready.Status);
        Assert.Equal("Healthy", await ready.TextAsync());
    }

    [Fact]
    public async Task Pages_AnyResponse_CarrySecurityHeaders()
    {
        var page = await fixture.NewPageAsync();

        var response = await page.GotoAsync(fixture.BaseUrl + "/sign-in");

        var headers = await response!.AllHeadersAsync();
        Assert.Contains("default-src 'self'", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Equal("DENY", headers["x-frame-options"]);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.Equal("no-referrer", headers["referrer-policy"]);
    }

    private static IFormData FormWith(IPage page, params (string Name, string Value)[] fields)
    {
        var form = page.Context.APIRequest.CreateFormData();
        foreach (var (name, value) in fields)
        {
            form.Set(name, value);
        }

        return form;
    }
}

[Collection(PortalCollection.Name)]
public sealed class ReviewPortalOnSqliteTests(PortalFixture fixture) : ReviewPortalTests(fixture);

/// <summary>The same on PostgreSQL (issue 12: the portal's end-to-end tests run against PostgreSQL as well).</summary>
[Collection(PostgresPortalCollection.Name)]
public sealed class ReviewPortalOnPostgresTests(PostgresPortalFixture fixture) : ReviewPortalTests(fixture);
