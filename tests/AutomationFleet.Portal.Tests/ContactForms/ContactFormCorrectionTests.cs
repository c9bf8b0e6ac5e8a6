using System.Text.Json;
using System.Text.RegularExpressions;
using AutomationFleet.Bots.ContactForms;
using AutomationFleet.Connectors.Tests.CaseNotes;
using AutomationFleet.Core.Running;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Portal.Tests.EndToEnd;
using Microsoft.Playwright;

namespace AutomationFleet.Portal.Tests.ContactForms;

/// <summary>
/// A reviewer corrects a contact form with two close records to the second candidate in the contact-form bot's
/// correction form, in Chromium; the item continues through the runner with that record and the case note is written
/// into the sample case-management app on that person's page, and on nobody else's.
/// </summary>
[Collection(PortalCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ContactFormCorrectionTests(PortalFixture portal, ContactFormReviewFixture fixture) : IClassFixture<ContactFormReviewFixture>
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Correct_SecondCandidateChosen_NoteWrittenOnThatPersonsRecord()
    {
        var candidates = fixture.Evidence.Candidates.Select(c => c.CaseRecordId).ToList();
        Assert.True(candidates.Count >= 2, $"the sample form should have two close records, found {candidates.Count}");
        var (first, second) = (candidates[0], candidates[1]);
        var context = await portal.Browser.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true });
        var page = await context.NewPageAsync();
        await PortalFixture.SignInAsync(page, fixture.BaseUrl, fixture.Reviewer);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review$"));
        await page.GotoAsync($"{fixture.BaseUrl}/review/items/{fixture.Item.Id}");

        // The form offers every candidate and "new person", with the bot's best candidate chosen.
        await Assertions.Expect(page.Locator("fieldset.radio-field input[type=radio]")).ToHaveCountAsync(candidates.Count + 1);
        await Assertions.Expect(page.Locator($"#person-{first}")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel(new Regex("^2\\. "))).ToHaveAttributeAsync("id", $"person-{second}");
        await PortalFixture.ScreenshotAsync(page, "11-item-contact-form");
        var violations = await AxeCore.SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));

        await page.Locator("body").FocusAsync();
        await page.Keyboard.PressAsync("c");
        await Assertions.Expect(page.Locator("#kind-correct")).ToBeCheckedAsync();
        await page.Locator($"#person-{second}").CheckAsync();
        await page.Locator("#reason").FillAsync("The second record is the sender: same address as on file.");
        await page.Locator("#reason").PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("decided=true$"));
        await context.CloseAsync();

        var decided = (await fixture.Store.FindAsync(ContactFormReviewFixture.Reference, CancellationToken.None))!;
        Assert.Equal((WorkItemState.New, $"reviewer:{fixture.Reviewer}"), (decided.State, decided.OutcomeDecidedBy));
        Assert.Equal(second, Outcome(decided).CaseRecordId);

        var result = await fixture.RunAgainAsync();

        Assert.Equal(RunResult.Completed, result);
        var completed = (await fixture.Store.FindAsync(ContactFormReviewFixture.Reference, CancellationToken.None))!;
        Assert.Equal(WorkItemState.Completed, completed.State);
        Assert.Equal((ContactFormDecisions.Match, second), (Outcome(completed).Decision, Outcome(completed).CaseRecordId));
        var app = await SignInToCaseManagementAsync();
        await app.GotoAsync($"{fixture.CaseManagement.BaseUrl}/people/{second}");
        await Assertions.Expect(app.Locator("#case-record-id")).ToHaveTextAsync(second);
        var note = app.Locator("#case-notes .note-text", new() { HasText = ContactFormReviewFixture.NoteReferenceLine });
        await Assertions.Expect(note).ToHaveCountAsync(1);
        await Assertions.Expect(note).ToContainTextAsync(fixture.Evidence.Note);
        await app.GotoAsync($"{fixture.CaseManagement.BaseUrl}/people/{first}");
        await Assertions.Expect(app.Locator("#case-record-id")).ToHaveTextAsync(first);
        await Assertions.Expect(app.Locator("#case-notes .note-text", new() { HasText = ContactFormReviewFixture.NoteReferenceLine })).ToHaveCountAsync(0);
        Assert.Equal(1, fixture.CaseManagement.NotesWithReference(ContactFormReviewFixture.NoteReference));
        await app.Context.CloseAsync();
    }

    private async Task<IPage> SignInToCaseManagementAsync()
    {
        var page = await portal.NewPageAsync();
        await page.GotoAsync($"{fixture.CaseManagement.BaseUrl}/sign-in");
        await page.Locator("#username").FillAsync("caseworker");
        await page.Locator("#password").FillAsync(CaseManagementFixture.DemoPassword);
        await page.Locator("#sign-in").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/people$"));
        return page;
    }

    private static ContactFormOutcome Outcome(WorkItem item) => JsonSerializer.Deserialize<ContactFormOutcome>(item.OutcomeJson!, Web)!;
}
