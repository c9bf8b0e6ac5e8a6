using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Updates;

namespace AutomationFleet.Storage.Tests.Contracts;

/// <summary><see cref="IUpdateStore"/>'s contract (opt-outs, the daily cap), run against every store by a subclass per store.</summary>
public abstract class UpdateStoreContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateOnly Monday = new(2026, 1, 5);
    private static readonly string Ann = UpdateRecipient.HashOf("ann@example.org");

    /// <summary>A fresh, empty store on the harness's fake clock.</summary>
    protected abstract Task<StoreHarness> CreateStoreAsync();

    private static UpdateSend Send(string item, TouchPoint touchPoint, string? hash = null, DateOnly? day = null) =>
        new(UpdateRequest.ReferenceFor(item, touchPoint), item, "inbound-post", touchPoint, hash ?? Ann, day ?? Monday);

    [Fact]
    public async Task ReserveUpdateAsync_MoreThanTheCapOneDay_CappedThenReservedTheNextDay()
    {
        await using var t = await CreateStoreAsync();

        var first = await t.Updates.ReserveUpdateAsync(Send("a", TouchPoint.Received), 2, None);
        var second = await t.Updates.ReserveUpdateAsync(Send("b", TouchPoint.Received), 2, None);
        var third = await t.Updates.ReserveUpdateAsync(Send("c", TouchPoint.Received), 2, None);
        var otherAddress = await t.Updates.ReserveUpdateAsync(Send("d", TouchPoint.Received, UpdateRecipient.HashOf("bo@example.org")), 2, None);
        var nextDay = await t.Updates.ReserveUpdateAsync(Send("c", TouchPoint.Received, day: Monday.AddDays(1)), 2, None);

        Assert.Equal(
            [UpdateReservation.Reserved, UpdateReservation.Reserved, UpdateReservation.Capped, UpdateReservation.Reserved, UpdateReservation.Reserved],
            [first, second, third, otherAddress, nextDay]);
    }

    [Fact]
    public async Task ReserveUpdateAsync_SameUpdateAgainAtTheCap_ReservedWithoutTakingAnotherPlace()
    {
        await using var t = await CreateStoreAsync();
        await t.Updates.ReserveUpdateAsync(Send("a", TouchPoint.Received), 1, None);

        var retry = await t.Updates.ReserveUpdateAsync(Send("a", TouchPoint.Received), 1, None);

        Assert.Equal(UpdateReservation.Reserved, retry);
        Assert.Single(await t.Updates.ListUpdatesAsync(StoreHarness.Start, None));
    }

    [Fact]
    public async Task ReserveUpdateAsync_ParallelReservationsForOneAddress_ExactlyTheCapReserved()
    {
        await using var t = await CreateStoreAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(n => t.Updates.ReserveUpdateAsync(Send($"i{n}", TouchPoint.Done), 3, None)));

        Assert.Equal(3, results.Count(r => r == UpdateReservation.Reserved));
        Assert.Equal(3, (await t.Updates.ListUpdatesAsync(StoreHarness.Start, None)).Count);
    }

    [Fact]
    public async Task ReserveUpdateAsync_AddressOrItemOptedOut_OptedOutAndNothingReserved()
    {
        await using var t = await CreateStoreAsync();
        await t.Updates.OptOutAsync(new UpdateOptOut(Ann, null), "public:opt-out", None);
        await t.Updates.OptOutAsync(new UpdateOptOut(null, "item-b"), "cli:ada", None);

        var byAddress = await t.Updates.ReserveUpdateAsync(Send("item-a", TouchPoint.Done), 3, None);
        var byItem = await t.Updates.ReserveUpdateAsync(Send("item-b", TouchPoint.Done, UpdateRecipient.HashOf("bo@example.org")), 3, None);
        var other = await t.Updates.ReserveUpdateAsync(Send("item-c", TouchPoint.Done, UpdateRecipient.HashOf("bo@example.org")), 3, None);

        Assert.Equal([UpdateReservation.OptedOut, UpdateReservation.OptedOut, UpdateReservation.Reserved], [byAddress, byItem, other]);
    }

    [Fact]
    public async Task OptOutAsync_Twice_SecondChangesNothingAndOneAuditRowWithoutTheAddress()
    {
        await using var t = await CreateStoreAsync();

        var first = await t.Updates.OptOutAsync(new UpdateOptOut(Ann, "item-a"), "public:opt-out", None);
        var second = await t.Updates.OptOutAsync(new UpdateOptOut(Ann, "item-a"), "public:opt-out", None);

        Assert.True(first);
        Assert.False(second);
        var audit = Assert.Single(await t.Users.ListSecurityEventsAsync("item:item-a", 10, None));
        Assert.Equal(("public:opt-out", AuditActions.UpdatesOptedOut), (audit.Actor, audit.Action));
        Assert.DoesNotContain("ann", audit.Target + audit.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ListUpdatesAsync_NothingReserved_Empty()
    {
        await using var t = await CreateStoreAsync();

        Assert.Empty(await t.Updates.ListUpdatesAsync(StoreHarness.Start.AddDays(-7), None));
    }

    [Fact]
    public async Task ListUpdatesAsync_ReservedThenOneMarkedSent_SentOnlyOnThatOne()
    {
        await using var t = await CreateStoreAsync();
        await t.Updates.ReserveUpdateAsync(Send("a", TouchPoint.Received), 3, None);
        await t.Updates.ReserveUpdateAsync(Send("a", TouchPoint.Done), 3, None);

        await t.Updates.MarkUpdateSentAsync(UpdateRequest.ReferenceFor("a", TouchPoint.Done), None);

        var listed = await t.Updates.ListUpdatesAsync(StoreHarness.Start, None);
        Assert.Equal(
            [new UpdateRecord("a", "inbound-post", TouchPoint.Received, Monday, false), new UpdateRecord("a", "inbound-post", TouchPoint.Done, Monday, true)],
            listed);
    }

    [Fact]
    public async Task ReviseExpectedDateAsync_TwoDatesAndOneTwice_LatestPerItemForTheSweepAndThePage()
    {
        await using var t = await CreateStoreAsync();
        await t.Updates.ReviseExpectedDateAsync("a", new DateOnly(2026, 12, 31), None);
        await t.Updates.ReviseExpectedDateAsync("a", new DateOnly(2027, 1, 8), None);
        await t.Updates.ReviseExpectedDateAsync("a", new DateOnly(2027, 1, 8), None);
        await t.Updates.ReviseExpectedDateAsync("b", new DateOnly(2026, 12, 31), None);

        var found = await t.Updates.FindRevisedExpectedDatesAsync(["a", "b", "c"], None);

        Assert.Equal(
            new Dictionary<string, DateOnly> { ["a"] = new(2027, 1, 8), ["b"] = new(2026, 12, 31) },
            found.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary());
        Assert.Equal(new DateOnly(2027, 1, 8), await t.PublicStatus.GetRevisedExpectedDateAsync("a", None));
        Assert.Null(await t.PublicStatus.GetRevisedExpectedDateAsync("c", None));
        Assert.Empty(await t.Updates.FindRevisedExpectedDatesAsync([], None));
    }
}
