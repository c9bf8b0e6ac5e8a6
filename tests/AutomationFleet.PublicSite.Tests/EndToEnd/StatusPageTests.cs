using AutomationFleet.Core.Audit;
using AutomationFleet.Core.PublicStatus;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.PublicSite.Pages.Status;
using Microsoft.Playwright;

namespace AutomationFleet.PublicSite.Tests.EndToEnd;

[Collection(PublicSiteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class StatusPageTests(PublicSiteFixture fixture)
{
    [Fact]
    public async Task LookUp_ReferenceAndPostcode_ShowsStageAndTimescale()
    {
        var page = await fixture.NewPageAsync();

        // Typed as people type it: lower case, no leading zeros, the postcode's space moved.
        await fixture.LookUpAsync(page, "af-" + fixture.ContactItem.Id, postcode: "SO74 DT");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(ShortReference.For(fixture.ContactItem));
        await Assertions.Expect(page.Locator("#case-received")).ToHaveTextAsync("Your contact form, on 5 January 2026");
        await Assertions.Expect(page.Locator("#case-service")).ToHaveTextAsync("Adult Social Care");
        await Assertions.Expect(page.Locator("#case-stage")).ToHaveTextAsync("Received, waiting to be dealt with");
        // 10 working days (config/appsettings.json) after Monday 5 January 2026.
        await Assertions.Expect(page.Locator("#case-expected")).ToHaveTextAsync("By 19 January 2026");
        Assert.DoesNotContain(fixture.ContactItem.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/", page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain("so7", page.Url, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task LookUp_ItemRunningLateWithARevisedDate_ShowsTheApologyAndTheNewDate()
    {
        // What the updates' timescale sweep records when it apologises with a new date (expected 19 January 2026 before).
        await fixture.Store.ReviseExpectedDateAsync(fixture.ReviewItem.Reference, new DateOnly(2026, 1, 26), CancellationToken.None);
        await fixture.Store.ReviseExpectedDateAsync(fixture.ReviewItem.Reference, new DateOnly(2026, 2, 2), CancellationToken.None);
        var page = await fixture.NewPageAsync();

        await fixture.LookUpAsync(page, ShortReference.For(fixture.ReviewItem), dateOfBirth: PublicSiteFixture.ContactDateOfBirth);

        await Assertions.Expect(page.Locator("#case-revised")).ToContainTextAsync(
            "We are sorry this is taking longer than we said. We now expect to finish by 2 February 2026.");
        await Assertions.Expect(page.Locator("#case-expected")).ToHaveTextAsync("By 2 February 2026");
    }

    [Fact]
    public async Task LookUp_AllocatedIncidentReport_ShowsTheAllocatedTeamNeverTheConfiguredServiceOrAPerson()
    {
        var page = await fixture.NewPageAsync();

        await fixture.LookUpAsync(page, ShortReference.For(fixture.AllocatedIncidentItem), postcode: PublicSiteFixture.IncidentPostcode);

        await Assertions.Expect(page.Locator("#case-service")).ToHaveTextAsync("Highways North");
        await Assertions.Expect(page.Locator("#case-stage")).ToHaveTextAsync("Passed to Highways North, on 5 January 2026");
        var text = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotContain("Highways and Community Safety", text, StringComparison.Ordinal);
        // The inspector it was assigned to (config/incidents/allocation.json), by name or id.
        Assert.DoesNotContain("inspector", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hn-01", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LookUp_DateOfBirthOfAnItemInReview_WithAPersonAndNoStaffNote()
    {
        var page = await fixture.NewPageAsync();

        await fixture.LookUpAsync(page, ShortReference.For(fixture.ReviewItem), dateOfBirth: PublicSiteFixture.ContactDateOfBirth);

        await Assertions.Expect(page.Locator("#case-stage")).ToHaveTextAsync("With a person for checking");
        var text = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotContain("Margaret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("GP", text, StringComparison.Ordinal);
        Assert.DoesNotContain(PublicSiteFixture.ContactGivenName, text, StringComparison.Ordinal);
        Assert.DoesNotContain(PublicSiteFixture.ContactSurname, text, StringComparison.Ordinal);
        Assert.DoesNotContain("1984", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("letter", "Letter sent, on 5 January 2026")]
    [InlineData("handed-on", "Passed to the Highways and Community Safety teams, on 5 January 2026")]
    [InlineData("not-ours", "Not something we deal with: we have told you where to go instead, on 5 January 2026")]
    public async Task LookUp_FinishedItems_StageInPlainWords(string which, string stage)
    {
        var (item, postcode) = which switch
        {
            "letter" => (fixture.LetterItem, PublicSiteFixture.LetterPostcode),
            "handed-on" => (fixture.HandedOnItem, PublicSiteFixture.HighwaysPostcode),
            _ => (fixture.NotOursItem, PublicSiteFixture.NotOursPostcode),
        };
        var page = await fixture.NewPageAsync();

        await fixture.LookUpAsync(page, ShortReference.For(item), postcode: postcode);

        await Assertions.Expect(page.Locator("#case-stage")).ToHaveTextAsync(stage);
        await Assertions.Expect(page.Locator("#case-expected")).ToHaveCountAsync(0);
        Assert.DoesNotContain("Edna", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        if (which == "not-ours")
        {
            // The inbound-post bot's own redirect wording (config/not-ours.json), as the sender was sent it.
            await Assertions.Expect(page.Locator("#case-where-to-go")).ToContainTextAsync("https://www.nhs.uk");
        }
    }

    [Fact]
    public async Task LookUp_WrongCheck_RefusedThenLimitedAfterNAndAudited()
    {
        var page = await fixture.NewPageAsync();
        var reference = ShortReference.For(fixture.GuessedItem);

        for (var i = 0; i < PublicSiteFixture.MaxFailedChecks; i++)
        {
            await fixture.LookUpAsync(page, reference, postcode: "ZZ1 1ZZ");
            await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync(IndexModel.NotFoundMessage);
        }

        // The right check now: refused all the same until the window passes.
        await fixture.LookUpAsync(page, reference, postcode: PublicSiteFixture.ContactPostcode);
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync(IndexModel.LimitedMessage);
        await Assertions.Expect(page.Locator("#case-stage")).ToHaveCountAsync(0);

        var audit = await fixture.Store.ListSecurityEventsAsync(reference, 50, CancellationToken.None);
        Assert.Equal(PublicSiteFixture.MaxFailedChecks, audit.Count(e => e.Action == AuditActions.StatusCheckFailed));
        Assert.Contains(audit, e => e.Action == AuditActions.StatusCheckLimited);
        Assert.All(audit, e => Assert.DoesNotContain("ZZ1", e.Detail + e.Target, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task LookUp_AnotherPersonsReferenceWithWrongCheck_SameAnswerAsNoSuchReference()
    {
        var page = await fixture.NewPageAsync();

        await fixture.LookUpAsync(page, ShortReference.For(fixture.ContactItem), postcode: PublicSiteFixture.LetterPostcode);
        var someoneElses = await page.Locator("main").InnerTextAsync();
        await fixture.LookUpAsync(page, "AF-999999", postcode: PublicSiteFixture.LetterPostcode);
        var nobodys = await page.Locator("main").InnerTextAsync();

        Assert.Contains(IndexModel.NotFoundMessage, someoneElses, StringComparison.Ordinal);
        Assert.Equal(nobodys.Replace("AF-999999", "", StringComparison.Ordinal), someoneElses.Replace(ShortReference.For(fixture.ContactItem), "", StringComparison.Ordinal));
        Assert.DoesNotContain("Adult Social Care", someoneElses, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LookUp_Found_CountedAsALookUpOfTheItemAndShownOnTheStaffDashboard()
    {
        var before = await fixture.Store.CountStatusLookupsAsync(CancellationToken.None);
        var page = await fixture.NewPageAsync();

        await fixture.LookUpAsync(page, ShortReference.For(fixture.HandedOnItem), postcode: PublicSiteFixture.HighwaysPostcode);
        await Assertions.Expect(page.Locator("#case-stage")).ToBeVisibleAsync();

        var after = await fixture.Store.CountStatusLookupsAsync(CancellationToken.None);
        Assert.Equal(before.LookUps + 1, after.LookUps);

        // The staff dashboard shows the measure.
        var staff = await fixture.NewPageAsync();
        await Portal.Tests.EndToEnd.PortalFixture.SignInAsync(staff, fixture.PortalUrl, "dora", PublicSiteFixture.StaffPassword);
        await staff.GotoAsync(fixture.PortalUrl + "/dashboard");
        var now = await fixture.Store.CountStatusLookupsAsync(CancellationToken.None);
        await Assertions.Expect(staff.Locator("#look-ups-count")).ToHaveTextAsync(now.LookUps.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(staff.Locator("#look-ups-per-item")).ToHaveTextAsync(now.PerItem.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ResultLink_Expired_NotFound()
    {
        var page = await fixture.NewPageAsync();
        await fixture.LookUpAsync(page, ShortReference.For(fixture.ContactItem), postcode: PublicSiteFixture.ContactPostcode);
        await Assertions.Expect(page.Locator("#case-stage")).ToBeVisibleAsync();
        var link = page.Url;

        // Tests of a collection run one at a time, and nothing else reads the clock to the minute.
        fixture.Time.Advance(TimeSpan.FromMinutes(11));
        var response = await page.GotoAsync(link);

        Assert.Equal(404, response!.Status);
    }
}
