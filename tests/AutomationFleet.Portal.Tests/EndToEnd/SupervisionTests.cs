using System.Globalization;
using System.Text.RegularExpressions;
using AutomationFleet.Core.Review;
using Microsoft.Playwright;

namespace AutomationFleet.Portal.Tests.EndToEnd;

/// <summary>Service grants, the service filter and store counts, supervisors' reassignment, releases and escalations.</summary>
[Trait("Category", "Integration")]
public abstract class SupervisionTests(PortalFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Queue_ReviewerGrantedOnlyAService_SeesThatServiceAnd404AuditedOnAnother()
    {
        var page = await SignedInAsync("vic");
        var rows = page.Locator("table.queue tbody tr");

        await Assertions.Expect(rows).ToHaveCountAsync(PortalFixture.HighwaysItems);
        foreach (var row in await rows.AllAsync())
        {
            await Assertions.Expect(row.Locator("td").Nth(2)).ToHaveTextAsync(PortalFixture.HighwaysService);
        }

        await Assertions.Expect(page.GetByText(PortalFixture.EscalatedReference)).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#queue-count")).ToContainTextAsync($"{PortalFixture.HighwaysItems} item(s) waiting");
        await Assertions.Expect(page.Locator("#view-escalated")).ToHaveCountAsync(0);
        await fixture.StoreScreenshotAsync(page, "10-service-reviewer-queue");

        var other = await fixture.Queue.FindAsync($"mail:blue-badge-{PortalFixture.HighwaysItems}", None);
        var response = await page.GotoAsync($"{fixture.BaseUrl}/review/items/{other!.Id}");
        var document = await page.Context.APIRequest.GetAsync(
            $"{fixture.BaseUrl}/review/items/{other.Id}?handler=Document&hash={other.Attachments[0].ContentHash}");

        Assert.Equal(404, response!.Status);
        Assert.Equal(404, document.Status);
        var security = await fixture.Store.ListSecurityEventsAsync(other.Reference, 20, None);
        Assert.Contains(security, e => e.Actor == "vic" && e.Action == "denied" && e.Detail.Contains(PortalFixture.BlueBadgeService, StringComparison.Ordinal));
        Assert.DoesNotContain(security, e => e.Actor == "vic" && e.Action is "item-view" or "document-view");

        var mine = await fixture.Queue.FindAsync("mail:highways-5", None);
        var opened = await page.GotoAsync($"{fixture.BaseUrl}/review/items/{mine!.Id}");
        Assert.Equal(200, opened!.Status);
        await Assertions.Expect(page.Locator("#item-service")).ToHaveTextAsync(PortalFixture.HighwaysService);
        await Assertions.Expect(page.Locator("#claim-status")).ToContainTextAsync("You hold this item");
        Assert.Equal("vic", (await fixture.Store.GetAsync(mine.Id, None))!.ClaimedBy);
    }

    [Fact]
    public async Task Reassign_SupervisorGivesItemToReviewer_ReviewerFindsItClaimedForThem()
    {
        var item = await fixture.Queue.FindAsync("mail:highways-0", None);
        var dora = await SignedInAsync("dora");
        await dora.GotoAsync($"{fixture.BaseUrl}/review/items/{item!.Id}");

        // A supervisor opening an item only looks.
        await Assertions.Expect(dora.Locator("#claim-status")).ToContainTextAsync("No one holds this item");
        await Assertions.Expect(dora.Locator("#claim")).ToBeVisibleAsync();
        Assert.Null((await fixture.Store.GetAsync(item.Id, None))!.ClaimedBy);
        var choices = await dora.Locator("#assignee option").AllInnerTextsAsync();
        Assert.Contains("rob", choices);
        Assert.Contains("vic", choices);
        Assert.Contains("ada", choices);
        Assert.DoesNotContain("rita", choices);
        Assert.DoesNotContain("sam", choices);
        await fixture.StoreScreenshotAsync(dora, "11-supervisor-item");

        await dora.GetByLabel("Reassign to").SelectOptionAsync("rob");
        await dora.GetByRole(AriaRole.Button, new() { Name = "Reassign", Exact = true }).ClickAsync();

        await Assertions.Expect(dora).ToHaveURLAsync(new Regex("done=reassigned$"));
        await Assertions.Expect(dora.Locator("#supervisor-notice")).ToContainTextAsync("rob holds this item");
        var task = await fixture.Store.GetAsync(item.Id, None);
        Assert.Equal("rob", task!.ClaimedBy);
        Assert.True(task.ClaimExpiresAt > DateTimeOffset.UtcNow.AddMinutes(14));
        var trail = await fixture.Store.GetAuditTrailAsync(item.Id, None);
        Assert.Equal("supervisor:dora", trail[^1].Actor);
        Assert.StartsWith("reassigned to rob", trail[^1].Reason, StringComparison.Ordinal);
        var security = await fixture.Store.ListSecurityEventsAsync(item.Reference, 20, None);
        Assert.Contains(security, e => e.Actor == "dora" && e.Action == "review-reassigned" && e.Detail.StartsWith("to rob", StringComparison.Ordinal));
        Assert.DoesNotContain(security, e => e.Actor == "dora" && e.Action == "review-decision");

        var rob = await SignedInAsync("rob");
        var row = rob.Locator("table.queue tbody tr", new() { HasText = item.Reference });
        await Assertions.Expect(row).ToContainTextAsync("rob");
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(rob.Locator("#claim-status")).ToContainTextAsync("You hold this item");
        await Assertions.Expect(rob.Locator("#submit-decision")).ToBeEnabledAsync();
        await Assertions.Expect(rob.Locator("#supervise-heading")).ToHaveCountAsync(0);
        await fixture.StoreScreenshotAsync(rob, "12-reassigned-reviewer-item");

        await dora.ReloadAsync();
        await dora.GetByRole(AriaRole.Button, new() { Name = "Release rob's claim" }).ClickAsync();
        await Assertions.Expect(dora).ToHaveURLAsync(new Regex("done=released$"));
        Assert.Null((await fixture.Store.GetAsync(item.Id, None))!.ClaimedBy);
        Assert.Contains(
            await fixture.Store.ListSecurityEventsAsync(item.Reference, 20, None),
            e => e.Actor == "dora" && e.Action == "claim-released" && e.Detail == "claim of rob");
    }

    [Fact]
    public async Task QueuePage_MoreItemsThanPageLimit_ServiceFilterAndCountsFromTheStore()
    {
        await using var app = await PortalFixture.StartPortalAsync(
            fixture.Store, fixture.Blobs, new Dictionary<string, string?> { ["Portal:QueuePageLimit"] = "5" });
        var baseUrl = PortalFixture.Address(app);
        var counts = await fixture.Store.CountAsync(new ReviewFilter(), None);
        var highways = counts.Where(c => c.Service == PortalFixture.HighwaysService).Sum(c => c.Count);
        var everything = counts.Sum(c => c.Count);
        Assert.Equal(PortalFixture.HighwaysItems + 1, highways);

        var page = await SignedInAsync("dora", baseUrl);
        await Assertions.Expect(page.Locator("#queue-count")).ToContainTextAsync($"{everything} item(s) waiting (showing the most urgent 5)");
        await page.GetByLabel("Service").SelectOptionAsync(PortalFixture.HighwaysService);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("service=Highways"));
        await Assertions.Expect(page.Locator("#queue-count")).ToContainTextAsync($"{highways} item(s) waiting (showing the most urgent 5)");
        await Assertions.Expect(page.Locator("#queue-count")).ToContainTextAsync("1 escalated");
        await Assertions.Expect(page.Locator("table.queue tbody tr")).ToHaveCountAsync(5);
        await page.Locator("details.counts summary").ClickAsync();
        var highwaysRow = page.Locator("#counts tbody tr", new() { HasText = PortalFixture.HighwaysService });
        await Assertions.Expect(highwaysRow.Locator("td")).ToHaveTextAsync(["inbound-post", "highways", PortalFixture.HighwaysService, highways.ToString(CultureInfo.InvariantCulture), "0", "1"]);
        var blueBadgeRow = page.Locator("#counts tbody tr", new() { HasText = PortalFixture.BlueBadgeService });
        await Assertions.Expect(blueBadgeRow.Locator("td").Nth(3)).ToHaveTextAsync(PortalFixture.BlueBadgeItems.ToString(CultureInfo.InvariantCulture));
        await fixture.StoreScreenshotAsync(page, "13-queue-service-filter-counts");

        await page.GetByLabel("Service").SelectOptionAsync(PortalFixture.BlueBadgeService);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(page.Locator("#queue-count")).ToContainTextAsync($"{PortalFixture.BlueBadgeItems} item(s) waiting.");
        await Assertions.Expect(page.Locator("table.queue tbody tr")).ToHaveCountAsync(PortalFixture.BlueBadgeItems);

        // A reviewer's counts cover only what they may see (and no escalations).
        var vic = await SignedInAsync("vic", baseUrl);
        await Assertions.Expect(vic.Locator("#queue-count")).ToContainTextAsync($"{PortalFixture.HighwaysItems} item(s) waiting (showing the most urgent 5)");
        Assert.Equal([PortalFixture.HighwaysService], (await vic.Locator("#service option").AllInnerTextsAsync()).Skip(1));
        await app.StopAsync();
    }

    [Fact]
    public async Task EscalatedItem_ReviewerCannotTakeIt_SupervisorFindsItInEscalatedViewAndClaimsIt()
    {
        var id = fixture.EscalatedItemId;
        var rob = await SignedInAsync("rob");
        await Assertions.Expect(rob.GetByText(PortalFixture.EscalatedReference)).ToHaveCountAsync(0);
        var opened = await rob.GotoAsync($"{fixture.BaseUrl}/review/items/{id}");
        Assert.Equal(200, opened!.Status);
        await Assertions.Expect(rob.Locator("#claim-status")).ToContainTextAsync("escalated");
        await Assertions.Expect(rob.Locator("#submit-decision")).ToBeDisabledAsync();
        Assert.Null((await fixture.Store.GetAsync(id, None))!.ClaimedBy);

        // Forged posts with a valid token are still refused on the server, and audited.
        var token = await rob.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        foreach (var handler in new[] { "Claim", "Reassign", "Decide" })
        {
            var form = rob.Context.APIRequest.CreateFormData();
            form.Set("__RequestVerificationToken", token!);
            form.Set("assignee", "rob");
            form.Set("Decision.Kind", "approve");
            var response = await rob.Context.APIRequest.PostAsync($"{fixture.BaseUrl}/review/items/{id}?handler={handler}", new() { Form = form });
            Assert.Equal(403, response.Status);
        }

        Assert.Null((await fixture.Store.GetAsync(id, None))!.ClaimedBy);
        var denials = (await fixture.Store.ListSecurityEventsAsync(PortalFixture.EscalatedReference, 50, None))
            .Where(e => e.Actor == "rob" && e.Action == "denied").ToList();
        Assert.Equal(3, denials.Count);

        var dora = await SignedInAsync("dora");
        await dora.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Escalated") }).ClickAsync();
        await Assertions.Expect(dora.Locator("h1")).ToHaveTextAsync("Escalated items");
        var rows = dora.Locator("table.queue tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync(PortalFixture.EscalatedReference);
        await fixture.StoreScreenshotAsync(dora, "14-escalated-view");
        await rows.First.GetByRole(AriaRole.Link).ClickAsync();
        Assert.Null((await fixture.Store.GetAsync(id, None))!.ClaimedBy);
        await dora.GetByRole(AriaRole.Button, new() { Name = "Claim for me" }).ClickAsync();

        await Assertions.Expect(dora.Locator("#claim-status")).ToContainTextAsync("You hold this item");
        await Assertions.Expect(dora.Locator("#submit-decision")).ToBeEnabledAsync();
        Assert.Equal("dora", (await fixture.Store.GetAsync(id, None))!.ClaimedBy);
        await fixture.StoreScreenshotAsync(dora, "15-escalated-claimed-by-supervisor");
    }

    private async Task<IPage> SignedInAsync(string name, string? baseUrl = null)
    {
        var page = await fixture.NewPageAsync();
        await PortalFixture.SignInAsync(page, baseUrl ?? fixture.BaseUrl, name);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review$"));
        return page;
    }
}

[Collection(PortalCollection.Name)]
public sealed class SupervisionOnSqliteTests(PortalFixture fixture) : SupervisionTests(fixture);

/// <summary>The same on PostgreSQL (issue 12: the portal's end-to-end tests run against PostgreSQL as well).</summary>
[Collection(PostgresPortalCollection.Name)]
public sealed class SupervisionOnPostgresTests(PostgresPortalFixture fixture) : SupervisionTests(fixture);
