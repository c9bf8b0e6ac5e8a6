using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AutomationFleet.Bots.FinancialAssessments;
using AutomationFleet.Bots.FinancialAssessments.Delivery;
using AutomationFleet.Core.Running;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Portal.Tests.EndToEnd;
using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace AutomationFleet.Portal.Tests.FinancialAssessments;

/// <summary>
/// The financial-assessment review form driven in Chromium: the reviewer sees the breakdown, changes a figure in its
/// field, corrects; the runner then prints the letter, and the letter carries the charge worked out from the approved
/// figures. (The breakdown is recalculated on submit, not as the reviewer types.)
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
        await amount.FillAsync("250.00");
        await page.Locator("#kind-correct").CheckAsync();
        await page.Locator("#reason").FillAsync("The pension statement shows 250.00 a month.");
        await page.Locator("#reason").PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("decided=true$"));

        Assert.Equal(RunResult.Completed, await fixture.RunAgainAsync());

        var completed = (await fixture.Store.FindAsync(FinancialAssessmentReviewFixture.Reference, CancellationToken.None))!;
        Assert.Equal(WorkItemState.Completed, completed.State);
        var outcome = JsonSerializer.Deserialize<FinancialAssessmentOutcome>(completed.OutcomeJson!, Web)!;
        var expected = fixture.Assessor.Assess(outcome.Document);
        Assert.Equal(expected.WeeklyCharge, outcome.WeeklyCharge);
        Assert.Contains(expected.Income, i => i.Given == 250.00m && i.Period.StartsWith("monthly", StringComparison.Ordinal));
        using var letter = PdfDocument.Open(Path.Combine(fixture.PrintFolder, PrintLetterStep.FileNameFor(FinancialAssessmentReviewFixture.Reference)));
        var text = string.Join(' ', letter.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"You will pay £{expected.WeeklyCharge:N2} a week"), text, StringComparison.Ordinal);
    }
}
