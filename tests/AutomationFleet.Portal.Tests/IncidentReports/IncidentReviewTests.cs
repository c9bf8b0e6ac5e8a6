using System.Text.Json;
using System.Text.RegularExpressions;
using AutomationFleet.Bots.IncidentReports;
using AutomationFleet.Bots.IncidentReports.Incidents;
using AutomationFleet.Core.Incidents;
using AutomationFleet.Core.Running;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Portal.Tests.EndToEnd;
using Microsoft.Playwright;

namespace AutomationFleet.Portal.Tests.IncidentReports;

/// <summary>
/// A reviewer allocates an incident report no rule allocates, in the incident bot's correction form in Chromium: the
/// team and person pickers show capacity, a person outside the chosen team is refused with a message, and once a team and
/// one of its members are chosen the runner records the incident (that team and assignee, audited as the reviewer) and
/// e-mails the team through a real SMTP server.
/// </summary>
[Collection(PortalCollection.Name)]
[Trait("Category", "Integration")]
public sealed class IncidentReviewTests(PortalFixture portal, IncidentReviewFixture fixture) : IClassFixture<IncidentReviewFixture>
{
    private const string Team = "highways-north";
    private const string Person = "hn-02";

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Correct_TeamAndPersonChosen_IncidentRecordedWithThemAndTeamEmailed()
    {
        var context = await portal.Browser.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true });
        var page = await context.NewPageAsync();
        await PortalFixture.SignInAsync(page, fixture.BaseUrl, fixture.Reviewer);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review$"));
        await page.GotoAsync($"{fixture.BaseUrl}/review/items/{fixture.Item.Id}");

        // The urgent reasons as alerts, the report as read, and pickers prefilled from the evidence (no proposal).
        await Assertions.Expect(page.Locator("p.alert", new() { HasText = "seriously injured" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("p.alert", new() { HasText = "No allocation rule matches" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#report")).ToContainTextAsync("pothole, from the word 'pothole' in the text");
        await Assertions.Expect(page.Locator("#kind")).ToHaveValueAsync("pothole");
        await Assertions.Expect(page.Locator("#severity")).ToHaveValueAsync("routine");
        await Assertions.Expect(page.Locator("#team")).ToHaveValueAsync("");
        await Assertions.Expect(page.Locator($"#team option[value='{Team}']")).ToHaveTextAsync(new Regex(@"^Highways North — \d of 3 available, 0 active$"));
        await Assertions.Expect(page.Locator($"#person option[value='{Person}']")).ToContainTextAsync("(Highways North) — 0/25, ");
        var violations = await AxeCore.SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));

        // Someone from another team is refused, naming the team.
        await page.Locator("#kind-correct").CheckAsync();
        await page.Locator("#severity").SelectOptionAsync("urgent");
        await page.Locator("#team").SelectOptionAsync(Team);
        await page.Locator("#person").SelectOptionAsync("sg-01");
        await page.Locator("#reason").FillAsync("A cyclist was hurt: the north highways team makes it safe today.");
        await page.Locator("#reason").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#decision-error")).ToContainTextAsync("'sg-01' is not a member of Highways North");
        Assert.Equal(WorkItemState.NeedsReview, (await fixture.Store.FindAsync(IncidentReviewFixture.Reference, CancellationToken.None))!.State);

        await page.Locator("#kind-correct").CheckAsync();
        await page.Locator("#severity").SelectOptionAsync("urgent");
        await page.Locator("#team").SelectOptionAsync(Team);
        await page.Locator("#person").SelectOptionAsync(Person);
        await page.Locator("#reason").FillAsync("A cyclist was hurt: the north highways team makes it safe today.");
        await page.Locator("#reason").PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("decided=true$"));
        await context.CloseAsync();

        var decided = (await fixture.Store.FindAsync(IncidentReviewFixture.Reference, CancellationToken.None))!;
        Assert.Equal((WorkItemState.New, $"reviewer:{fixture.Reviewer}"), (decided.State, decided.OutcomeDecidedBy));

        Assert.Equal(RunResult.Completed, await fixture.RunAgainAsync());

        var reference = IncidentReferences.For(IncidentReviewFixture.Reference);
        var incident = await fixture.Store.GetAsync(reference, CancellationToken.None);
        Assert.NotNull(incident);
        Assert.Equal((Team, Person, IncidentState.Allocated), (incident.Team, incident.Assignee, incident.State));
        Assert.Equal(("pothole", "urgent", IncidentReviewFixture.Reference), (incident.Kind, incident.Severity, incident.FirstReport));
        Assert.Equal(fixture.Evidence.Found.ReceivedAt!.Value.AddHours(24), incident.Deadline);
        Assert.Equal(fixture.Evidence.Description, incident.Text);
        var audit = await fixture.Store.AuditAsync(reference, CancellationToken.None);
        Assert.Equal([IncidentActions.Opened, IncidentActions.Allocated], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal($"reviewer:{fixture.Reviewer}", a.Actor));
        Assert.Contains("rule 'reviewer'", audit[^1].Detail, StringComparison.Ordinal);

        var sent = Assert.Single(fixture.Mail.ReceivedMessageFiles());
        var message = await File.ReadAllTextAsync(sent);
        Assert.Contains("highways.north@wendshire.example", message, StringComparison.Ordinal);
        Assert.Contains($"New urgent incident {reference} allocated to you", message, StringComparison.Ordinal);
        Assert.Contains($"Allocated to: {Person}", message, StringComparison.Ordinal);
        var completed = (await fixture.Store.FindAsync(IncidentReviewFixture.Reference, CancellationToken.None))!;
        var outcome = JsonSerializer.Deserialize<IncidentOutcome>(completed.OutcomeJson!, Web)!;
        Assert.Equal(("reviewer", Team, Person), (outcome.Rule, outcome.Team, outcome.Assignee));
    }
}
