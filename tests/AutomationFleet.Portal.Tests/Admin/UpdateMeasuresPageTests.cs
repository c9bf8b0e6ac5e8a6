using AutomationFleet.Core.Updates;
using Microsoft.Playwright;

namespace AutomationFleet.Portal.Tests.Admin;

/// <summary>The dashboard's updates measures (issue 14 §5), from update records in the store, in Chromium.</summary>
[Collection(AdminCollection.Name)]
[Trait("Category", "Integration")]
public sealed class UpdateMeasuresPageTests(AdminPortalFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Dashboard_UpdatesSentAndOneCapped_ShareOfItemsWithEveryUpdateAndSentPerDay()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var ann = UpdateRecipient.HashOf("ann@example.org");
        var bo = UpdateRecipient.HashOf("bo@example.org");
        // Item A got both its updates; item B's Received was capped (never reserved), its Done was sent; C is not finished.
        foreach (var (item, touchPoint, hash) in new[]
                 {
                     ("upd-a", TouchPoint.Received, ann), ("upd-a", TouchPoint.Done, ann), ("upd-b", TouchPoint.Done, bo), ("upd-c", TouchPoint.Received, bo),
                 })
        {
            var reference = UpdateRequest.ReferenceFor(item, touchPoint);
            Assert.Equal(
                UpdateReservation.Reserved,
                await fixture.Store.ReserveUpdateAsync(new UpdateSend(reference, item, AdminPortalFixture.Queue, touchPoint, hash, today), 10, None));
            await fixture.Store.MarkUpdateSentAsync(reference, None);
        }

        var page = await fixture.SignedInPageAsync("sue");
        await page.GotoAsync(fixture.BaseUrl + "/dashboard");

        await Assertions.Expect(page.Locator("#updates-share")).ToContainTextAsync("50.0 %");
        await Assertions.Expect(page.Locator("#updates-share")).ToContainTextAsync("1 of 2 finished items");
        var rows = page.Locator("#updates-per-day tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(7);
        await Assertions.Expect(rows.Last).ToContainTextAsync(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "4");
    }
}
