using AutomationFleet.Core.SideEffects;

namespace AutomationFleet.Storage.Tests.Contracts;

/// <summary><see cref="ISideEffectLedger"/>'s contract, run against every store by a subclass per store.</summary>
public abstract class SideEffectLedgerContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>A fresh, empty store on the harness's fake clock.</summary>
    protected abstract Task<StoreHarness> CreateStoreAsync();

    [Fact]
    public async Task BeginAsync_ThenComplete_RecordedWithResultAndTimes()
    {
        await using var t = await CreateStoreAsync();
        var item = await t.EnqueueAsync("REF-1");
        var ledger = t.Ledger;
        var key = IdempotencyKey.For("REF-1", "send-letter");

        Assert.Null(await ledger.FindAsync(key, None));
        await ledger.BeginAsync(key, item.Id, "send-letter", isIdempotent: false, None);
        var started = await ledger.FindAsync(key, None);
        t.Time.Advance(TimeSpan.FromSeconds(3));
        await ledger.CompleteAsync(key, "{\"messageId\":\"m-1\"}", None);

        Assert.Equal(new SideEffectRecord(key, item.Id, "send-letter", false, SideEffectStatus.Started, StoreHarness.Start, null, null), started);
        Assert.Equal(
            new SideEffectRecord(key, item.Id, "send-letter", false, SideEffectStatus.Completed, StoreHarness.Start, StoreHarness.Start.AddSeconds(3), "{\"messageId\":\"m-1\"}"),
            await ledger.FindAsync(key, None));
    }

    [Fact]
    public async Task AbandonAsync_StartedEntry_RemovedAndCanBeginAgain()
    {
        await using var t = await CreateStoreAsync();
        var item = await t.EnqueueAsync("REF-1");
        var ledger = t.Ledger;
        await ledger.BeginAsync("REF-1#note", item.Id, "note", isIdempotent: true, None);

        await ledger.AbandonAsync("REF-1#note", None);

        Assert.Null(await ledger.FindAsync("REF-1#note", None));
        t.Time.Advance(TimeSpan.FromMinutes(1));
        await ledger.BeginAsync("REF-1#note", item.Id, "note", isIdempotent: true, None);
        Assert.Equal(StoreHarness.Start.AddMinutes(1), (await ledger.FindAsync("REF-1#note", None))!.StartedAt);
    }

    [Fact]
    public async Task AbandonAsync_CompletedEntry_Kept()
    {
        await using var t = await CreateStoreAsync();
        var item = await t.EnqueueAsync("REF-1");
        var ledger = t.Ledger;
        await ledger.BeginAsync("REF-1#mail", item.Id, "mail", isIdempotent: false, None);
        await ledger.CompleteAsync("REF-1#mail", null, None);

        await ledger.AbandonAsync("REF-1#mail", None);

        Assert.Equal(SideEffectStatus.Completed, (await ledger.FindAsync("REF-1#mail", None))!.Status);
    }

    [Fact]
    public async Task BeginAsync_AlreadyCompleted_ThrowsAndKeepsRecord()
    {
        await using var t = await CreateStoreAsync();
        var item = await t.EnqueueAsync("REF-1");
        var ledger = t.Ledger;
        await ledger.BeginAsync("REF-1#mail", item.Id, "mail", isIdempotent: false, None);
        await ledger.CompleteAsync("REF-1#mail", "{}", None);

        await Assert.ThrowsAsync<SideEffectConflictException>(() => ledger.BeginAsync("REF-1#mail", item.Id, "mail", false, None));

        Assert.Equal(SideEffectStatus.Completed, (await ledger.FindAsync("REF-1#mail", None))!.Status);
    }

    [Fact]
    public async Task BeginAsync_StartedByAnotherAttempt_RefusedAndLeftAsItWas()
    {
        await using var t = await CreateStoreAsync();
        var item = await t.EnqueueAsync("REF-1");
        var ledger = t.Ledger;
        await ledger.BeginAsync("REF-1#handoff", item.Id, "handoff", isIdempotent: true, None);
        t.Time.Advance(TimeSpan.FromMinutes(6));

        // Two workers that both think they hold the item: only the first may do the step.
        await Assert.ThrowsAsync<SideEffectConflictException>(() => ledger.BeginAsync("REF-1#handoff", item.Id, "handoff", isIdempotent: true, None));

        var record = (await ledger.FindAsync("REF-1#handoff", None))!;
        Assert.Equal(SideEffectStatus.Started, record.Status);
        Assert.Equal(StoreHarness.Start, record.StartedAt);
    }

    [Fact]
    public async Task BeginAsync_StartedByCrashedWorkerThenAbandoned_BeginsAgain()
    {
        await using var t = await CreateStoreAsync();
        var item = await t.EnqueueAsync("REF-1");
        var ledger = t.Ledger;
        await ledger.BeginAsync("REF-1#handoff", item.Id, "handoff", isIdempotent: true, None);
        t.Time.Advance(TimeSpan.FromMinutes(6));

        await ledger.AbandonAsync("REF-1#handoff", None);
        await ledger.BeginAsync("REF-1#handoff", item.Id, "handoff", isIdempotent: true, None);

        Assert.Equal(StoreHarness.Start.AddMinutes(6), (await ledger.FindAsync("REF-1#handoff", None))!.StartedAt);
    }

    [Fact]
    public async Task CompleteAsync_NeverBegun_ThrowsKeyNotFound()
    {
        await using var t = await CreateStoreAsync();
        var ledger = t.Ledger;

        await Assert.ThrowsAsync<KeyNotFoundException>(() => ledger.CompleteAsync("REF-9#mail", null, None));
    }

    [Fact]
    public async Task ListAsync_ItemWithSteps_EveryEntryOfThatItemOnly()
    {
        await using var t = await CreateStoreAsync();
        var a = await t.EnqueueAsync("A");
        var b = await t.EnqueueAsync("B");
        var ledger = t.Ledger;
        await ledger.BeginAsync("A#one", a.Id, "one", true, None);
        t.Time.Advance(TimeSpan.FromSeconds(1));
        await ledger.BeginAsync("A#two", a.Id, "two", false, None);
        await ledger.BeginAsync("B#one", b.Id, "one", true, None);

        var entries = await ledger.ListAsync(a.Id, None);

        Assert.Equal(["A#one", "A#two"], entries.Select(e => e.Key));
    }
}
