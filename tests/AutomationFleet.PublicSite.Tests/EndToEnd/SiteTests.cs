using AutomationFleet.Core.Audit;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Portal.Security;
using AutomationFleet.Portal.Tests.EndToEnd;
using Microsoft.Playwright;

namespace AutomationFleet.PublicSite.Tests.EndToEnd;

/// <summary>What holds on every public page: cookies, accessibility, JavaScript off, a phone's screen.</summary>
[Collection(PublicSiteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SiteTests(PublicSiteFixture fixture)
{
    [Fact]
    public async Task Cookies_StaffSessionOnPublicSiteAndPublicCookieOnPortal_NeitherWorks()
    {
        // A reviewer signed in to the staff portal, in the same browser.
        var page = await fixture.NewPageAsync();
        await PortalFixture.SignInAsync(page, fixture.PortalUrl, "rita", PublicSiteFixture.StaffPassword);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/review$"));

        // The staff session opens nothing on the public site: it has no staff pages at all.
        foreach (var path in new[] { "/review", "/dashboard", "/admin/audit", "/sign-in" })
        {
            var response = await page.GotoAsync(fixture.BaseUrl + path);
            Assert.Equal(404, response!.Status);
        }

        // Public pages set one cookie only, the site's own anti-forgery token.
        var visitor = await fixture.NewPageAsync();
        await fixture.LookUpAsync(visitor, ShortReference.For(fixture.ContactItem), postcode: PublicSiteFixture.ContactPostcode);
        await Assertions.Expect(visitor.Locator("#case-stage")).ToBeVisibleAsync();
        await visitor.GotoAsync(fixture.BaseUrl + "/estimate");
        var cookies = await visitor.Context.CookiesAsync();
        var only = Assert.Single(cookies);
        Assert.Equal("__Host-fleet.public.antiforgery", only.Name);
        Assert.NotEqual(PortalCookies.SessionCookieName, only.Name);
        Assert.NotEqual(PortalCookies.AntiforgeryCookieName, only.Name);

        // That cookie gets no one into the staff portal.
        var response2 = await visitor.GotoAsync(fixture.PortalUrl + "/review");
        Assert.Contains("/sign-in", visitor.Url, StringComparison.Ordinal);
        Assert.Equal(200, response2!.Status);
    }

    [Fact]
    public async Task EveryPage_AxeCore_NoSeriousOrCriticalViolations()
    {
        var page = await fixture.NewPageAsync(new BrowserNewContextOptions { BypassCSP = true });
        var violations = new List<string>();
        async Task CheckAsync(string name) => violations.AddRange((await AxeCore.SeriousViolationsAsync(page)).Select(v => name + ": " + v));

        await page.GotoAsync(fixture.BaseUrl + "/");
        await CheckAsync("start");
        await page.GotoAsync(fixture.BaseUrl + "/status");
        await CheckAsync("look-up");
        await fixture.LookUpAsync(page, "", postcode: null);
        await CheckAsync("look-up with errors");
        await fixture.LookUpAsync(page, ShortReference.For(fixture.NotOursItem), postcode: PublicSiteFixture.NotOursPostcode);
        await Assertions.Expect(page.Locator("#case-where-to-go")).ToBeVisibleAsync();
        await CheckAsync("case (not ours)");
        await fixture.LookUpAsync(page, ShortReference.For(fixture.ContactItem), postcode: PublicSiteFixture.ContactPostcode);
        await CheckAsync("case (received)");
        await page.GotoAsync(fixture.BaseUrl + "/estimate");
        await CheckAsync("estimate");
        await Estimate.EstimateTests.FillFa1Async(page);
        await page.Locator("#estimate-button").ClickAsync();
        await Assertions.Expect(page.Locator("#estimate-result")).ToBeVisibleAsync();
        await CheckAsync("estimate with result");
        await page.Locator("#apply-button").ClickAsync();
        await CheckAsync("apply with errors");
        await page.GotoAsync(fixture.BaseUrl + "/no-such-page");
        await CheckAsync("not found");
        await page.GotoAsync($"{fixture.BaseUrl}/updates/opt-out?token={Uri.EscapeDataString(PublicSiteFixture.OptOutTokens.Create("form:axe", "ann@example.org"))}");
        await CheckAsync("updates opt-out");

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public async Task LookUpAndEstimate_JavaScriptDisabled_Work()
    {
        var page = await fixture.NewPageAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });

        await fixture.LookUpAsync(page, ShortReference.For(fixture.HandedOnItem), postcode: PublicSiteFixture.HighwaysPostcode);
        await Assertions.Expect(page.Locator("#case-stage")).ToContainTextAsync("Passed to");

        await page.GotoAsync(fixture.BaseUrl + "/estimate");
        await Estimate.EstimateTests.FillFa1Async(page);
        await page.Locator("#estimate-button").ClickAsync();
        await Assertions.Expect(page.Locator("#estimate-result")).ToContainTextAsync("a week");
    }

    [Fact]
    public async Task EveryPage_PhoneViewport_NoHorizontalScroll()
    {
        var page = await fixture.NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 360, Height = 740 }, IsMobile = true });
        var wide = new List<string>();
        async Task CheckAsync(string name)
        {
            if (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"))
            {
                wide.Add(name);
            }
        }

        await page.GotoAsync(fixture.BaseUrl + "/");
        await CheckAsync("start");
        await fixture.LookUpAsync(page, "", postcode: null);
        await CheckAsync("look-up with errors");
        await fixture.LookUpAsync(page, ShortReference.For(fixture.NotOursItem), postcode: PublicSiteFixture.NotOursPostcode);
        await CheckAsync("case");
        await page.GotoAsync(fixture.BaseUrl + "/estimate");
        await Estimate.EstimateTests.FillFa1Async(page);
        await page.Locator("#estimate-button").ClickAsync();
        await CheckAsync("estimate with result");

        Assert.True(wide.Count == 0, "scrolls sideways: " + string.Join(", ", wide));
    }

    [Fact]
    public async Task Responses_SecurityHeaders_StrictCspAndNoFraming()
    {
        var page = await fixture.NewPageAsync();

        var response = await page.GotoAsync(fixture.BaseUrl + "/status");

        var headers = await response!.AllHeadersAsync();
        Assert.Equal(PublicSite.Security.PublicSecurityHeaders.ContentSecurityPolicy, headers["content-security-policy"]);
        Assert.DoesNotContain("script-src", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Equal("DENY", headers["x-frame-options"]);
        Assert.Contains("no-store", headers["cache-control"], StringComparison.Ordinal);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
    }

    [Fact]
    public async Task OptOutLink_FollowedAndConfirmedWithJavaScriptOff_UpdatesStoppedAndAuditedWithoutTheAddress()
    {
        // The link an update e-mail carries, opened on the public site (where Updates:OptOutUrl points).
        var token = PublicSiteFixture.OptOutTokens.Create("form:opt-out-1", "ann.opt@example.org");
        var page = await fixture.NewPageAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });

        await page.GotoAsync($"{fixture.BaseUrl}/updates/opt-out?token={Uri.EscapeDataString(token)}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Stop updates" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("You will get no more updates");
        var audit = Assert.Single(await fixture.Store.ListSecurityEventsAsync("item:form:opt-out-1", 10, CancellationToken.None));
        Assert.Equal(AuditActions.UpdatesOptedOut, audit.Action);
        Assert.DoesNotContain("ann.opt", audit.Target + audit.Detail, StringComparison.OrdinalIgnoreCase);
    }
}
