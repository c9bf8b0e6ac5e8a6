using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AutomationFleet.Bots.FinancialAssessments;
using AutomationFleet.Bots.FinancialAssessments.Delivery;
using AutomationFleet.Bots.FinancialAssessments.Review;
using AutomationFleet.Core.Running;
using AutomationFleet.Core.Users;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Portal.Security;
using AutomationFleet.Portal.Tests.EndToEnd;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace AutomationFleet.Portal.Tests.FinancialAssessments;

/// <summary>
/// The financial-assessment review form driven in Chromium: the reviewer sees the breakdown, changes a figure in its
/// field and sees the charge worked out again before submitting; corrects; the runner then prints the letter, and the
/// letter carries the charge worked out from the approved figures. The preview endpoint keeps the page's grant check
/// and anti-forgery token.
/// </summary>
[Collection(PortalCollection.Name)]
[Trait("Category", "Integration")]
public sealed class FinancialAssessmentReviewTests(PortalFixture portal, FinancialAssessmentReviewFixture fixture) : IClassFixture<FinancialAssessmentReviewFixture>
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Correct_ReviewerChangesAFigure_LetterCarriesTheNewCharge()
    {
        var page = await portal.NewPageAsync();
        await PortalFixture.SignInAsync(page, fixture.BaseUrl, fixture.Reviewer);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review$"));
        await page.GotoAsync($"{fixture.BaseUrl}/review/items/{fixture.Item.Id}");

        await Assertions.Expect(page.Locator("#steps")).ToContainTextAsync("weekly charge");
        var amount = page.Locator("[id='income.1.amount']");
        await Assertions.Expect(amount).ToHaveValueAsync("180.00");
        var before = fixture.Assessor.Assess(fixture.Document).WeeklyCharge;
        var after = fixture.Assessor.Assess(WithField(fixture.Document, "income.1.amount", "250.00")).WeeklyCharge;
        Assert.NotEqual(before, after);
        await Assertions.Expect(WeeklyCharge(page)).ToHaveTextAsync(Money(before));

        await amount.FillAsync("250.00");

        // Seen on the page before anything is submitted: the charge worked out again from the figure as typed.
        await Assertions.Expect(WeeklyCharge(page)).ToHaveTextAsync(Money(after));
        await Assertions.Expect(page.Locator("#income")).ToContainTextAsync("250.00 monthly");
        await Assertions.Expect(page.Locator("#recalculated")).ToContainTextAsync("Worked out again");
        Assert.Empty(await RecalculatedPageViolationsAsync());
        await page.Locator("#kind-correct").CheckAsync();
        await page.Locator("#reason").FillAsync("The pension statement shows 250.00 a month.");
        await page.Locator("#reason").PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("decided=true$"));

        await AssertLetterCarriesAsync(FinancialAssessmentReviewFixture.Reference, after);
    }

    [Fact]
    public async Task Correct_JavaScriptOff_WorkedOutOnSubmitAndTheLetterCarriesIt()
    {
        var context = await portal.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await PortalFixture.SignInAsync(page, fixture.BaseUrl, fixture.Reviewer);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review$"));
        await page.GotoAsync($"{fixture.BaseUrl}/review/items/{fixture.NoScriptItem.Id}");
        var before = fixture.Assessor.Assess(fixture.Document).WeeklyCharge;
        var after = fixture.Assessor.Assess(WithField(fixture.Document, "income.1.amount", "250.00")).WeeklyCharge;

        await page.Locator("[id='income.1.amount']").FillAsync("250.00");
        await page.Locator("#kind-correct").CheckAsync();
        await page.Locator("#reason").FillAsync("The pension statement shows 250.00 a month.");

        // No script, so nothing recalculated before submitting; the submission itself is worked out on the server.
        await Assertions.Expect(WeeklyCharge(page)).ToHaveTextAsync(Money(before));
        await page.Locator("#submit-decision").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("decided=true$"));
        await AssertLetterCarriesAsync(FinancialAssessmentReviewFixture.NoScriptReference, after);
        await context.CloseAsync();
    }

    // The runner prints the decided item; its outcome and letter carry the charge the approved figures give.
    private async Task AssertLetterCarriesAsync(string reference, decimal charge)
    {
        Assert.Equal(RunResult.Completed, await fixture.RunAgainAsync());

        var completed = (await fixture.Store.FindAsync(reference, CancellationToken.None))!;
        Assert.Equal(WorkItemState.Completed, completed.State);
        var outcome = JsonSerializer.Deserialize<FinancialAssessmentOutcome>(completed.OutcomeJson!, Web)!;
        var expected = fixture.Assessor.Assess(outcome.Document);
        Assert.Equal(expected.WeeklyCharge, outcome.WeeklyCharge);
        Assert.Equal(charge, outcome.WeeklyCharge);
        Assert.Contains(expected.Income, i => i.Given == 250.00m && i.Period.StartsWith("monthly", StringComparison.Ordinal));
        using var letter = PdfDocument.Open(Path.Combine(fixture.PrintFolder, PrintLetterStep.FileNameFor(reference)));
        var text = string.Join(' ', letter.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"You will pay £{charge:N2} a week"), text, StringComparison.Ordinal);
    }

    // axe-core is injected as a script tag, which the portal's CSP refuses; so the same recalculated page again, in a
    // context that bypasses it (the page above ran under the CSP, which is what shows the script needs no inline code).
    private async Task<IReadOnlyList<string>> RecalculatedPageViolationsAsync()
    {
        var context = await portal.Browser.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true });
        var page = await context.NewPageAsync();
        await PortalFixture.SignInAsync(page, fixture.BaseUrl, fixture.Reviewer);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review$"));
        await page.GotoAsync($"{fixture.BaseUrl}/review/items/{fixture.Item.Id}");
        await page.Locator("[id='income.1.amount']").FillAsync("250.00");
        await Assertions.Expect(page.Locator("#recalculated")).ToContainTextAsync("Worked out again");
        var violations = await AxeCore.SeriousViolationsAsync(page);
        await context.CloseAsync();
        return violations;
    }

    [Fact]
    public async Task Preview_AccountWithoutTheGrant_NotFound()
    {
        await fixture.Store.AddUserAsync("no-grant-fa", PortalPasswords.Hash(PortalFixture.Password), UserRole.Reviewer, "test", CancellationToken.None);
        var page = await portal.NewPageAsync();
        await PortalFixture.SignInAsync(page, fixture.BaseUrl, "no-grant-fa");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review$"));

        Assert.Equal(StatusCodes.Status404NotFound, await PostPreviewAsync(page, withToken: true));
    }

    [Fact]
    public async Task Preview_WithoutTheAntiForgeryToken_Refused()
    {
        var page = await portal.NewPageAsync();
        await PortalFixture.SignInAsync(page, fixture.BaseUrl, fixture.Reviewer);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review$"));

        Assert.Equal(StatusCodes.Status400BadRequest, await PostPreviewAsync(page, withToken: false));
    }

    // A post from the signed-in page, as the page's script makes it, with the token of the layout's sign-out form.
    private async Task<int> PostPreviewAsync(IPage page, bool withToken)
    {
        var token = withToken ? await page.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync() : "";
        return await page.EvaluateAsync<int>(
            """
            async ([url, token]) => {
              const body = new URLSearchParams({ 'Decision.Values[income.1.amount]': '250.00' });
              if (token) { body.append('__RequestVerificationToken', token); }
              return (await fetch(url, { method: 'POST', body, credentials: 'same-origin' })).status;
            }
            """,
            new[] { $"{fixture.BaseUrl}/review/items/{fixture.Item.Id}?handler=Preview", token });
    }

    private static ILocator WeeklyCharge(IPage page) => page.Locator("#charge tbody tr").First.Locator("td").Nth(1);

    private static string Money(decimal amount) => amount.ToString("N2", CultureInfo.InvariantCulture);

    // The document the form's fields make with one changed, as the server reads a submission.
    private static string WithField(string document, string name, string value)
    {
        var values = AssessmentFields.For(document).ToDictionary(f => f.Name, f => f.Value ?? "", StringComparer.Ordinal);
        values[name] = value;
        return AssessmentFields.ToDocument(values);
    }
}
