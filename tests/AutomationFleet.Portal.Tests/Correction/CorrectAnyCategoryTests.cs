using System.Text.Json;
using System.Text.RegularExpressions;
using AutomationFleet.Bots.InboundPost;
using AutomationFleet.Bots.InboundPost.Taxonomy;
using AutomationFleet.Core.Running;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Portal.Tests.EndToEnd;
using Microsoft.Playwright;

namespace AutomationFleet.Portal.Tests.Correction;

/// <summary>
/// A reviewer corrects an item to a category that is not among the bot's top categories (the bot's review form offers
/// every category of its taxonomy), and the item then continues through the runner with that category's
/// service and route; a category the bot does not know is refused by the bot's review form, and nothing is decided.
/// </summary>
[Collection(PortalCollection.Name)]
[Trait("Category", "Integration")]
public sealed class CorrectAnyCategoryTests(PortalFixture portal, CorrectionFixture fixture) : IClassFixture<CorrectionFixture>
{
    [Fact]
    public async Task Correct_ToCategoryOutsideTopCategories_ContinuesWithThatCategorysService()
    {
        var (proposed, top) = Evidence();
        var target = fixture.Taxonomy.Categories
            .FirstOrDefault(c => c.Id != proposed && !top.Contains(c.Id) && c.Route.Kind == RouteKind.Queue);
        Assert.True(target is not null, "no queue-routed category outside the top ones: " + string.Join(", ", top));
        var page = await portal.NewPageAsync();
        await PortalFixture.SignInAsync(page, fixture.BaseUrl, "cora");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review$"));
        await page.GotoAsync($"{fixture.BaseUrl}/review/items/{fixture.Item.Id}");

        // Every category is offered: the proposed one and the top ones first, then the rest, with display names.
        var options = page.Locator("#category option");
        await Assertions.Expect(options).ToHaveCountAsync(fixture.Taxonomy.Categories.Count);
        var values = (await options.EvaluateAllAsync<string[]>("os => os.map(o => o.value)")).ToList();
        var first = new List<string> { proposed };
        first.AddRange(top.Where(t => t != proposed));
        Assert.Equal(first, values.Take(first.Count));
        Assert.Equal(fixture.Taxonomy.Categories.Select(c => c.Id).Order(), values.Order());
        await Assertions.Expect(page.Locator($"#category option[value='{target!.Id}']")).ToHaveTextAsync($"{target.DisplayName} ({target.Id})");

        await page.Keyboard.PressAsync("c");
        await Assertions.Expect(page.Locator("#kind-correct")).ToBeCheckedAsync();
        await page.Locator("#category").SelectOptionAsync(target.Id);
        await page.Locator("#reason").FillAsync("The letter is for another service.");
        await page.Locator("#reason").PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("decided=true$"));

        var decided = (await fixture.Store.FindAsync(CorrectionFixture.Reference, CancellationToken.None))!;
        Assert.Equal(WorkItemState.New, decided.State);
        Assert.Equal("reviewer:cora", decided.OutcomeDecidedBy);

        var result = await fixture.RunAgainAsync();

        Assert.Equal(RunResult.Completed, result);
        var completed = (await fixture.Store.FindAsync(CorrectionFixture.Reference, CancellationToken.None))!;
        Assert.Equal(WorkItemState.Completed, completed.State);
        using var outcome = JsonDocument.Parse(completed.OutcomeJson!);
        Assert.Equal(target.Id, outcome.RootElement.GetProperty("category").GetString());
        Assert.Equal(target.Service, outcome.RootElement.GetProperty("service").GetString());
        Assert.Equal(target.Route.Target, outcome.RootElement.GetProperty("route").GetProperty("target").GetString());
        var handedOn = await fixture.Store.FindAsync(CorrectionFixture.Reference + ">" + target.Route.Target, CancellationToken.None);
        Assert.NotNull(handedOn);
        Assert.Equal(target.Route.Target, handedOn.Queue);
    }

    [Fact]
    public async Task Correct_ToCategoryBotDoesNotKnow_RefusedByTheBotsFormAndNotDecided()
    {
        var page = await portal.NewPageAsync();
        await PortalFixture.SignInAsync(page, fixture.BaseUrl, "cora");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review$"));
        await page.GotoAsync($"{fixture.BaseUrl}/review/items/{fixture.UnknownItem.Id}");

        // Not offered by the page: a forged choice, as an old form or a hand-made POST would send.
        await page.Locator("#category").EvaluateAsync("s => s.add(new Option('no-such-category', 'no-such-category', true, true))");
        await page.Locator("#kind-correct").CheckAsync();
        await page.Locator("#reason").FillAsync("Testing a category the bot does not know.");
        await page.Locator("#reason").PressAsync("Enter");

        await Assertions.Expect(page.Locator("#decision-error")).ToContainTextAsync("'no-such-category' is not a category of the council taxonomy");
        var item = (await fixture.Store.FindAsync(CorrectionFixture.UnknownReference, CancellationToken.None))!;
        Assert.Equal(WorkItemState.NeedsReview, item.State);
        var examples = await fixture.Store.GetLabelledExamplesAsync(InboundPostBot.BotName, CancellationToken.None);
        Assert.DoesNotContain(examples, e => e.Reference == CorrectionFixture.UnknownReference);
    }

    private (string Proposed, List<string> Top) Evidence()
    {
        using var evidence = JsonDocument.Parse(fixture.EvidenceJson);
        var classification = evidence.RootElement.GetProperty("classification");
        var top = classification.GetProperty("top").EnumerateArray().Select(t => t.GetProperty("label").GetString()!).ToList();
        return (classification.GetProperty("label").GetString()!, top);
    }
}
