using AutomationFleet.Core.Retention;
using Microsoft.Playwright;

namespace AutomationFleet.Portal.Tests.Admin;

/// <summary>The read-only retention page: the configured policies and each one's last purge, administrators only.</summary>
[Collection(AdminCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RetentionPageTests(AdminPortalFixture fixture)
{
    [Fact]
    public async Task Retention_Administrator_PoliciesAndLastPurgeListed()
    {
        await fixture.Store.AppendSecurityEventAsync(
            RetentionRules.PurgeEvent("system:retention-purge", "casework", 3, 2, 1), CancellationToken.None);
        var page = await fixture.SignedInPageAsync("ada");

        var response = await page.GotoAsync(fixture.BaseUrl + "/admin/retention");

        Assert.Equal(200, response!.Status);
        var casework = page.Locator("tbody tr").Filter(new() { HasText = "casework" });
        await Assertions.Expect(casework).ToContainTextAsync(AdminPortalFixture.Queue + ", contact-forms");
        await Assertions.Expect(casework).ToContainTextAsync("90 days");
        await Assertions.Expect(casework).ToContainTextAsync("by system:retention-purge");
        await Assertions.Expect(casework).ToContainTextAsync("items redacted 3; documents deleted 2");
        var jobs = page.Locator("tbody tr").Filter(new() { HasText = "fleet-jobs" });
        await Assertions.Expect(jobs).ToContainTextAsync("30 days");
        await Assertions.Expect(jobs).ToContainTextAsync("never");
        await AdminPortalFixture.ScreenshotAsync(page, "admin-04-retention");
    }

    [Fact]
    public async Task Retention_Supervisor_Forbidden()
    {
        var page = await fixture.SignedInPageAsync("sue");

        var response = await page.GotoAsync(fixture.BaseUrl + "/admin/retention");

        Assert.Equal(403, response!.Status);
    }
}
