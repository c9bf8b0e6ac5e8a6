using Microsoft.Playwright;

namespace AutomationFleet.Portal.Tests.Admin;

/// <summary>The server-drawn SVG charts in Chromium: present, named, with their numbers in a table behind them.</summary>
[Collection(AdminCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ChartPagesTests(AdminPortalFixture fixture)
{
    [Fact]
    public async Task Dashboard_Charts_NamedImagesWithTheirTablesBehind()
    {
        var page = await fixture.SignedInPageAsync("sue");
        await page.GotoAsync(fixture.BaseUrl + "/dashboard");

        var hourly = page.GetByRole(AriaRole.Img, new() { Name = "Items completed per hour, last 24 hours" });
        await Assertions.Expect(hourly).ToBeVisibleAsync();
        await Assertions.Expect(hourly.Locator("rect.chart-bar")).Not.ToHaveCountAsync(0);
        var rate = page.GetByRole(AriaRole.Img, new() { Name = "Straight-through rate per day, last 7 days" });
        await Assertions.Expect(rate.Locator("circle.chart-point")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#daily-rates")).Not.ToBeVisibleAsync();

        await page.Locator("section[aria-labelledby=rates] details summary").ClickAsync();

        await Assertions.Expect(page.Locator("#daily-rates tbody tr")).ToHaveCountAsync(7);
        await AdminPortalFixture.ScreenshotAsync(page, "admin-07-dashboard-charts");
    }

    [Fact]
    public async Task Thresholds_Curve_OnePointPerThresholdWithSomethingAutomatic()
    {
        var page = await fixture.SignedInPageAsync("ada");
        await page.GotoAsync(fixture.BaseUrl + "/admin/thresholds?bot=inbound-post&category=blue-badge");

        var curve = page.GetByRole(AriaRole.Img, new() { Name = "Coverage against precision for each candidate threshold" });
        await Assertions.Expect(curve).ToBeVisibleAsync();
        // 0.90, 0.80 approved and 0.70 corrected: thresholds up to 0.90 let something through.
        await Assertions.Expect(curve.Locator("circle.chart-point").First.Locator("title")).ToContainTextAsync("threshold");
        await AdminPortalFixture.ScreenshotAsync(page, "admin-08-threshold-curve");
    }

    [Fact]
    public async Task Thresholds_NoReviewedItems_ChartSaysSo()
    {
        var page = await fixture.SignedInPageAsync("ada");
        await page.GotoAsync(fixture.BaseUrl + "/admin/thresholds?bot=inbound-post&category=no-such-category");

        await Assertions.Expect(page.Locator("#chart-curve")).ToContainTextAsync("no data to draw yet");
    }
}
