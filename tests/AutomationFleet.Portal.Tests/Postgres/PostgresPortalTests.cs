using System.Text.RegularExpressions;
using AutomationFleet.Core.Users;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Portal.Security;
using AutomationFleet.Portal.Tests.EndToEnd;
using AutomationFleet.Portal.Tests.Security;
using AutomationFleet.Storage.Postgres;
using AutomationFleet.Storage.Sqlite;
using AutomationFleet.Storage.Tests.Postgres;
using Microsoft.Playwright;

namespace AutomationFleet.Portal.Tests.Postgres;

/// <summary>
/// The portal end to end on PostgreSQL (issue 12): the same pages over the PostgreSQL store, in Chromium. A reviewer
/// signs in, opens an item in review and approves it; an administrator signs in with the second factor and opens the
/// accounts page. The decision, the item's trail and the security audit are read back from the database.
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresPortalTests(PostgresServer server)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ReviewAndAdmin_PostgresStore_DecisionAndAuditInTheDatabase()
    {
        var root = Directory.CreateTempSubdirectory("fleet-portal-pg-").FullName;
        try
        {
            await using var store = new PostgresFleetStore(
                new PostgresStoreOptions { ConnectionString = await server.CreateDatabaseAsync() }, TimeProvider.System);
            await store.InitializeAsync(None);
            await store.AddUserAsync("rita", PortalPasswords.Hash(PortalFixture.Password), UserRole.Reviewer, "test", None);
            await store.GrantQueueAsync("rita", PortalFixture.InboundQueue, "test", None);
            await store.AddUserAsync("ada", PortalPasswords.Hash(PortalFixture.Password), UserRole.Administrator, "test", None);
            await TestTwoFactor.EnrolAsync(store, "ada");
            var item = (await store.EnqueueAsync(new NewWorkItem(PortalFixture.InboundQueue, "inbox:pg-1", "{}"), "test", None)).Item;
            Assert.Single(await store.LeaseAsync(PortalFixture.InboundQueue, "seed-worker", 1, TimeSpan.FromMinutes(5), None));
            await store.SendToReviewAsync(item.Id, "seed-worker", PortalFixture.InboundReviewRequest(item), None);

            await using var app = await PortalFixture.StartPortalAsync(store, new FileBlobStore(Path.Combine(root, "blobs")), new Dictionary<string, string?>());
            var baseUrl = PortalFixture.Address(app);
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await PortalFixture.LaunchChromiumAsync(playwright);

            var page = await (await browser.NewContextAsync()).NewPageAsync();
            await PortalFixture.SignInAsync(page, baseUrl, "rita");
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review$"));
            await Assertions.Expect(page.Locator("table.queue tbody tr")).ToHaveCountAsync(1);
            await page.GotoAsync($"{baseUrl}/review/items/{item.Id}");
            await Assertions.Expect(page.Locator("#top-categories")).ToContainTextAsync("blue-badge");
            await page.Locator("body").FocusAsync();
            await page.Keyboard.PressAsync("a");
            await page.Locator("#reason").FillAsync("Blue badge, as the bot said.");
            await page.Locator("#reason").PressAsync("Enter");
            await Assertions.Expect(page.Locator("#decided")).ToContainTextAsync("reviewer:rita");

            var decided = await store.FindAsync("inbox:pg-1", None);
            Assert.Equal(WorkItemState.New, decided!.State);
            Assert.Equal("reviewer:rita", decided.OutcomeDecidedBy);
            var trail = await store.GetAuditTrailAsync(item.Id, None);
            Assert.Contains(trail, e => e.Actor == "reviewer:rita" && e.From == WorkItemState.NeedsReview && e.To == WorkItemState.New);
            var security = await store.ListSecurityEventsAsync("inbox:pg-1", 50, None);
            Assert.Contains(security, e => e.Actor == "rita" && e.Action == "item-view");
            Assert.Contains(security, e => e.Actor == "rita" && e.Action == "review-decision");

            var admin = await (await browser.NewContextAsync()).NewPageAsync();
            await PortalFixture.SignInAsync(admin, baseUrl, "ada");
            await admin.GotoAsync(baseUrl + "/admin/users");
            await Assertions.Expect(admin.Locator("main")).ToContainTextAsync("rita");
            await app.StopAsync();
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
