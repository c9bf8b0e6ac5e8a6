using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AutomationFleet.Portal.Tests.EndToEnd;

[Trait("Category", "Integration")]
public abstract class AccessibilityTests(PortalFixture fixture)
{
    [Fact]
    public async Task MainPages_AxeCore_NoSeriousOrCriticalViolations()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true });
        var page = await context.NewPageAsync();
        var violations = new List<string>();

        await page.GotoAsync(fixture.BaseUrl + "/sign-in");
        violations.AddRange((await AxeCore.SeriousViolationsAsync(page)).Select(v => "sign-in: " + v));

        // An administrator sees every queue; opening an item does not claim it, so the other tests are not disturbed.
        await PortalFixture.SignInAsync(page, fixture.BaseUrl, "ada");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review$"));
        violations.AddRange((await AxeCore.SeriousViolationsAsync(page)).Select(v => "review queue: " + v));

        await page.GotoAsync($"{fixture.BaseUrl}/review/items/{fixture.OtherQueueItemId}");
        await Assertions.Expect(page.Locator("#decision-form")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#reassign-form")).ToBeVisibleAsync();
        violations.AddRange((await AxeCore.SeriousViolationsAsync(page)).Select(v => "item (supervisor controls): " + v));

        await page.GotoAsync($"{fixture.BaseUrl}/review?service={Uri.EscapeDataString(PortalFixture.HighwaysService)}");
        await page.Locator("details.counts summary").ClickAsync();
        violations.AddRange((await AxeCore.SeriousViolationsAsync(page)).Select(v => "queue by service with counts: " + v));

        await page.GotoAsync(fixture.BaseUrl + "/review?view=escalated");
        await Assertions.Expect(page.Locator("#view-escalated")).ToHaveAttributeAsync("aria-current", "page");
        violations.AddRange((await AxeCore.SeriousViolationsAsync(page)).Select(v => "escalated view: " + v));

        await page.GotoAsync($"{fixture.BaseUrl}/review/items/{fixture.EscalatedItemId}");
        violations.AddRange((await AxeCore.SeriousViolationsAsync(page)).Select(v => "escalated item: " + v));

        // A reviewer's view of an escalated item (no claim, decision disabled).
        var reviewerContext = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true });
        var reviewer = await reviewerContext.NewPageAsync();
        await PortalFixture.SignInAsync(reviewer, fixture.BaseUrl, "rob");
        await Assertions.Expect(reviewer).ToHaveURLAsync(new Regex("/review$"));
        await reviewer.GotoAsync($"{fixture.BaseUrl}/review/items/{fixture.EscalatedItemId}");
        await Assertions.Expect(reviewer.Locator("#claim-status")).ToContainTextAsync("escalated");
        violations.AddRange((await AxeCore.SeriousViolationsAsync(reviewer)).Select(v => "escalated item (reviewer): " + v));
        await reviewerContext.CloseAsync();

        await page.GotoAsync(fixture.BaseUrl + "/status/403");
        violations.AddRange((await AxeCore.SeriousViolationsAsync(page)).Select(v => "status: " + v));

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        await context.CloseAsync();
    }

    [Fact]
    public async Task ItemPage_KeyboardOnly_FocusVisibleOnEveryStop()
    {
        var page = await fixture.NewPageAsync();
        await PortalFixture.SignInAsync(page, fixture.BaseUrl, "ada");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review$"));
        await page.GotoAsync($"{fixture.BaseUrl}/review/items/{fixture.OtherQueueItemId}");

        var unfocusable = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var outline = await page.EvaluateAsync<string>(
                "() => { const e = document.activeElement; const s = getComputedStyle(e); return e.tagName + '|' + s.outlineStyle + '|' + s.outlineWidth; }");
            var parts = outline.Split('|');
            if (parts[0] != "BODY" && (parts[1] == "none" || parts[2] == "0px"))
            {
                unfocusable.Add(outline);
            }
        }

        Assert.True(unfocusable.Count == 0, "focus not visible on: " + string.Join(", ", unfocusable));
    }
}

[Collection(PortalCollection.Name)]
public sealed class AccessibilityOnSqliteTests(PortalFixture fixture) : AccessibilityTests(fixture);

/// <summary>The same on PostgreSQL (issue 12: the portal's end-to-end tests run against PostgreSQL as well).</summary>
[Collection(PostgresPortalCollection.Name)]
public sealed class AccessibilityOnPostgresTests(PostgresPortalFixture fixture) : AccessibilityTests(fixture);
