using System.Text.Json;
using System.Text.RegularExpressions;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Portal.Tests.EndToEnd;
using Microsoft.Playwright;

namespace AutomationFleet.Portal.Tests.Forms;

/// <summary>
/// The item page asks the bot's registered review form for its evidence and correction fields, and a correction goes
/// through the form: what the form returns is decided, what it refuses decides nothing. A bot with no form gets its
/// evidence as read-only JSON and no correction.
/// </summary>
[Collection(PortalCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ReviewFormTests(PortalFixture portal, ReviewFormFixture fixture) : IClassFixture<ReviewFormFixture>
{
    [Fact]
    public async Task ItemPage_BotWithForm_RendersItsAlertsTablesAndFieldsAccessibly()
    {
        var context = await portal.Browser.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true });
        var page = await context.NewPageAsync();
        await SignInAsync(page);

        await page.GotoAsync($"{fixture.BaseUrl}/review/items/{fixture.Items["render"].Id}");

        await Assertions.Expect(page.Locator("p.alert")).ToHaveTextAsync("Two candidates share a surname and a birth date.");
        var table = page.Locator("table#candidates");
        await Assertions.Expect(table.Locator("caption")).ToHaveTextAsync("Ranked candidates");
        await Assertions.Expect(table.Locator("thead th")).ToHaveTextAsync(["Person", "Score", "Address"]);
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(table.Locator("tbody tr").Nth(1)).ToContainTextAsync("3 Mill Lane");
        await Assertions.Expect(page.Locator("#candidates-note")).ToHaveTextAsync("Scores are match probabilities.");
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "The person this form is from" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Ann Smith", new() { Exact = true })).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#person-P-2")).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#person-P-2-detail")).ToHaveTextAsync("score 0.64, 3 Mill Lane");
        await Assertions.Expect(page.Locator("#person-P-2")).ToHaveAttributeAsync("aria-describedby", "person-P-2-detail");
        await Assertions.Expect(page.GetByLabel("New person")).ToHaveAttributeAsync("id", "person-new");
        await Assertions.Expect(page.GetByLabel("Case note")).ToHaveAttributeAsync("id", "note");
        await Assertions.Expect(page.Locator("#decision-form textarea")).ToHaveCountAsync(1);
        await PortalFixture.ScreenshotAsync(page, "10-item-bot-form");

        var violations = await AxeCore.SeriousViolationsAsync(page);

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        await context.CloseAsync();
    }

    [Fact]
    public async Task Decide_CorrectThroughForm_FormsOutcomeIsDecided()
    {
        var item = fixture.Items["correct"];
        var page = await portal.NewPageAsync();
        await SignInAsync(page);
        await page.GotoAsync($"{fixture.BaseUrl}/review/items/{item.Id}");

        await page.Locator("body").FocusAsync();
        await page.Keyboard.PressAsync("c");
        await Assertions.Expect(page.Locator("#kind-correct")).ToBeCheckedAsync();
        await page.GetByLabel("New person").CheckAsync();
        await page.GetByLabel("Case note").FillAsync("Not known to us.");
        await page.Locator("#reason").FillAsync("None of the candidates is the sender.");
        await page.Locator("#reason").PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("decided=true$"));

        Assert.Equal("new", fixture.Form.Corrections[item.Reference]["person"]);
        Assert.Equal("Not known to us.", fixture.Form.Corrections[item.Reference]["note"]);
        var decided = (await fixture.Store.FindAsync(item.Reference, CancellationToken.None))!;
        Assert.Equal(WorkItemState.New, decided.State);
        using var outcome = JsonDocument.Parse(decided.OutcomeJson!);
        Assert.Equal("new", outcome.RootElement.GetProperty("person").GetString());
        Assert.Equal("Not known to us.", outcome.RootElement.GetProperty("note").GetString());
        var example = Assert.Single(await fixture.Store.GetLabelledExamplesAsync(CandidateReviewForm.BotName, CancellationToken.None));
        Assert.Equal("new-person", example.CorrectedCategory);
        // Kept as training data with the person's details taken out (TrainingDataRedaction); the note has none.
        using var kept = JsonDocument.Parse(example.CorrectedOutcomeJson);
        Assert.Equal(TrainingDataRedaction.Redacted, kept.RootElement.GetProperty("person").GetString());
        Assert.Equal("Not known to us.", kept.RootElement.GetProperty("note").GetString());
    }

    [Fact]
    public async Task Decide_FormRefusesValues_ShowsItsMessageAndDecidesNothing()
    {
        var item = fixture.Items["refuse"];
        var page = await portal.NewPageAsync();
        await SignInAsync(page);
        await page.GotoAsync($"{fixture.BaseUrl}/review/items/{item.Id}");

        await page.Locator("#kind-correct").CheckAsync();
        await page.GetByLabel("Anne Smith", new() { Exact = true }).CheckAsync();
        await page.Locator("#reason").FillAsync("The second candidate is the sender.");
        var response = page.WaitForResponseAsync(r => r.Request.Method == "POST");
        await page.Locator("#reason").PressAsync("Enter");

        Assert.Equal(422, (await response).Status);
        await Assertions.Expect(page.Locator("#decision-error")).ToHaveTextAsync(CandidateReviewForm.RefusalMessage);
        await Assertions.Expect(page.Locator("#person-P-2")).ToBeCheckedAsync();
        var still = (await fixture.Store.FindAsync(item.Reference, CancellationToken.None))!;
        Assert.Equal(WorkItemState.NeedsReview, still.State);
        Assert.NotNull(await fixture.Store.GetAsync(item.Id, CancellationToken.None));
        Assert.False(fixture.Form.Corrections.ContainsKey(item.Reference));
    }

    [Fact]
    public async Task ItemPage_BotWithoutForm_EvidenceAsJsonNoCorrectionNoJsonEditing()
    {
        var item = fixture.UnformedItem;
        var page = await portal.NewPageAsync();
        await SignInAsync(page);
        await page.GotoAsync($"{fixture.BaseUrl}/review/items/{item.Id}");

        await Assertions.Expect(page.Locator("#evidence-json")).ToContainTextAsync("\"weekly\": \"12.50\"");
        await Assertions.Expect(page.Locator("#kind-approve")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#kind-reject")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#kind-escalate")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#kind-correct")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#correction")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#decision-form textarea")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#decision-form input[type=text], #decision-form select")).ToHaveCountAsync(0);

        // A forged "correct" (an old page, a hand-made POST) is refused, and nothing is decided.
        await page.Locator(".choices").EvaluateAsync(
            "c => { const r = document.createElement('input'); r.type = 'radio'; r.name = 'Decision.Kind'; r.value = 'correct'; r.checked = true; c.appendChild(r); }");
        await page.Locator("#reason").FillAsync("Forged correction.");
        await page.Locator("#reason").PressAsync("Enter");

        await Assertions.Expect(page.Locator("#decision-error")).ToContainTextAsync("cannot be corrected here");
        var still = (await fixture.Store.FindAsync(item.Reference, CancellationToken.None))!;
        Assert.Equal(WorkItemState.NeedsReview, still.State);
    }

    [Fact]
    public async Task Preview_FormWithoutPreview_NoLiveRecalculationAndNotFound()
    {
        var page = await portal.NewPageAsync();
        await SignInAsync(page);
        var url = $"{fixture.BaseUrl}/review/items/{fixture.Items["render"].Id}";
        await page.GotoAsync(url);

        await Assertions.Expect(page.Locator("#evidence-tables")).Not.ToHaveAttributeAsync("data-preview", new Regex("."));
        await Assertions.Expect(page.Locator("#recalculated")).ToHaveCountAsync(0);
        var token = await page.Locator("#decision-form input[name=__RequestVerificationToken]").InputValueAsync();
        var status = await page.EvaluateAsync<int>(
            "async ([url, token]) => (await fetch(url, { method: 'POST', body: new URLSearchParams({ __RequestVerificationToken: token }) })).status",
            new[] { url + "?handler=Preview", token });

        Assert.Equal(404, status);
    }

    private async Task SignInAsync(IPage page)
    {
        await PortalFixture.SignInAsync(page, fixture.BaseUrl, "fay");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review$"));
    }
}
