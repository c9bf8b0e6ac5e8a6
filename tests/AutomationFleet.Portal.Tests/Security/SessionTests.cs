using System.Net;
using System.Text.RegularExpressions;
using AutomationFleet.Portal.Security;
using AutomationFleet.Portal.Tests.EndToEnd;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace AutomationFleet.Portal.Tests.Security;

/// <summary>Server-side sessions: a copied cookie stops working at sign-out, at an administrator's "end sessions", and after the absolute lifetime.</summary>
[Collection(PortalCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SessionTests(PortalFixture browser)
{
    [Fact]
    public async Task SignOut_CopiedCookieReplayed_Refused()
    {
        await using var portal = await SignInPortal.CreateAsync();
        var baseUrl = await portal.StartAsync();
        var page = await browser.NewPageAsync();
        await PortalFixture.SignInAsync(page, baseUrl, SignInPortal.Reviewer);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review$"));
        var copied = (await page.Context.CookiesAsync()).Single(c => c.Name == PortalCookies.SessionCookieName);
        using var thief = new PortalHttp(baseUrl);
        using (var before = await thief.ReplayAsync("/review", copied.Name + "=" + copied.Value))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/sign-in$"));

        using var after = await thief.ReplayAsync("/review", copied.Name + "=" + copied.Value);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/sign-in", after.Headers.Location!.ToString(), StringComparison.Ordinal);
        var audit = await portal.Store.ListSecurityEventsAsync(SignInPortal.Reviewer, 20, CancellationToken.None);
        Assert.Contains(audit, e => e.Action == "sessions-ended" && e.Actor == SignInPortal.Reviewer && e.Detail == "sign-out");
    }

    [Fact]
    public async Task EndSessions_AdministratorOnUsersPage_CopiedCookieRefusedAndAudited()
    {
        await using var portal = await SignInPortal.CreateAsync();
        var baseUrl = await portal.StartAsync();
        using var reviewer = new PortalHttp(baseUrl);
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.SignInAsync(SignInPortal.Reviewer, PortalFixture.Password)).StatusCode);
        var copied = reviewer.SessionCookie!;
        Assert.Equal(HttpStatusCode.OK, (await reviewer.ReplayAsync("/review", copied)).StatusCode);

        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true });
        var admin = await context.NewPageAsync();
        await PortalFixture.SignInAsync(admin, baseUrl, SignInPortal.Administrator);
        await Assertions.Expect(admin).ToHaveURLAsync(new Regex("/review$"));
        await admin.GotoAsync(baseUrl + "/admin/users");
        var violations = await AxeCore.SeriousViolationsAsync(admin);
        await admin.GetByRole(AriaRole.Button, new() { Name = "End sessions of " + SignInPortal.Reviewer }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Every session of " + SignInPortal.Reviewer);
        await PortalFixture.ScreenshotAsync(admin, "admin-users-end-sessions");

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        using var replay = await reviewer.ReplayAsync("/review", copied);
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        var audit = await portal.Store.ListSecurityEventsAsync(SignInPortal.Reviewer, 20, CancellationToken.None);
        Assert.Contains(audit, e => e.Action == "sessions-ended" && e.Actor == "admin:" + SignInPortal.Administrator && e.Detail == "ended by an administrator");

        // The administrator's own session is untouched.
        await admin.GotoAsync(baseUrl + "/admin/users");
        await Assertions.Expect(admin).ToHaveURLAsync(new Regex("/admin/users$"));
        await context.CloseAsync();
    }

    [Fact]
    public async Task Session_ActiveButOlderThanAbsoluteLifetime_Refused()
    {
        await using var portal = await SignInPortal.CreateAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var baseUrl = await portal.StartAsync(
            new Dictionary<string, string?> { ["Portal:SessionTimeout"] = "1.00:00:00", ["Portal:AbsoluteSessionLifetime"] = "12:00:00" }, clock);
        using var http = new PortalHttp(baseUrl);
        Assert.Equal(HttpStatusCode.Redirect, (await http.SignInAsync(SignInPortal.Reviewer, PortalFixture.Password)).StatusCode);

        // Active all along: a request every 4 hours keeps the sliding timeout (a day) far away.
        for (var hours = 4; hours < 12; hours += 4)
        {
            clock.Advance(TimeSpan.FromHours(4));
            using var active = await http.GetAsync("/review");
            Assert.Equal(HttpStatusCode.OK, active.StatusCode);
        }

        clock.Advance(TimeSpan.FromHours(4));
        using var late = await http.GetAsync("/review");

        Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        Assert.Contains("/sign-in", late.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
