using System.Data.Common;
using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Confidence;

namespace AutomationFleet.Storage.Tests.Contracts;

/// <summary><see cref="IThresholdOverrideStore"/>'s contract, run against every store by a subclass per store.</summary>
public abstract class ThresholdOverrideContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>A fresh, empty store on the harness's fake clock.</summary>
    protected abstract Task<StoreHarness> CreateStoreAsync();

    [Fact]
    public async Task SetThresholdOverrideAsync_NewThenReplaced_ListedAndEachChangeAudited()
    {
        await using var t = await CreateStoreAsync();

        var first = await t.Thresholds.SetThresholdOverrideAsync("inbound-post", "blue-badge", 0.95, "ada", "more straight through", None);
        t.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await t.Thresholds.SetThresholdOverrideAsync("INBOUND-POST", "Blue-Badge", 0.97, "bob", "too many errors", None);

        Assert.Null(first);
        Assert.Equal(0.95, second!.Threshold);
        var listed = Assert.Single(await t.Thresholds.ListThresholdOverridesAsync(None));
        Assert.Equal(("inbound-post", "blue-badge", 0.97, "bob", "too many errors"), (listed.Bot, listed.Category, listed.Threshold, listed.SetBy, listed.Reason));
        Assert.Equal(StoreHarness.Start.AddMinutes(1), listed.SetAt);
        var audit = await t.Users.ListSecurityEventsAsync(ThresholdOverride.AuditTarget("inbound-post", "blue-badge"), 10, None);
        Assert.Equal(2, audit.Count);
        Assert.Equal(("bob", AuditActions.ThresholdSet), (audit[0].Actor, audit[0].Action));
        Assert.Equal("override 0.950 → 0.970; reason: too many errors", audit[0].Detail);
        Assert.Equal("configuration → 0.950; reason: more straight through", audit[1].Detail);
    }

    [Fact]
    public async Task SetThresholdOverrideAsync_BotDefaultAndCategory_KeptApart()
    {
        await using var t = await CreateStoreAsync();

        await t.Thresholds.SetThresholdOverrideAsync("inbound-post", null, 0.9, "ada", "bot default", None);
        await t.Thresholds.SetThresholdOverrideAsync("inbound-post", "council-tax", 0.8, "ada", "category", None);

        var set = new ThresholdOverrideSet(await t.Thresholds.ListThresholdOverridesAsync(None));
        Assert.Equal(0.9, set.Find("inbound-post", null)!.Threshold);
        Assert.Equal(0.8, set.Find("Inbound-Post", "COUNCIL-TAX")!.Threshold);
        Assert.Null(set.Find("inbound-post", "highways"));
        Assert.Null(set.All[0].Category);
    }

    [Fact]
    public async Task ClearThresholdOverrideAsync_Existing_RemovedAndAudited()
    {
        await using var t = await CreateStoreAsync();
        await t.Thresholds.SetThresholdOverrideAsync("inbound-post", "blue-badge", 0.95, "ada", "try", None);

        var removed = await t.Thresholds.ClearThresholdOverrideAsync("inbound-post", "blue-badge", "ada", "back to config", None);
        var again = await t.Thresholds.ClearThresholdOverrideAsync("inbound-post", "blue-badge", "ada", "again", None);

        Assert.Equal(0.95, removed!.Threshold);
        Assert.Null(again);
        Assert.Empty(await t.Thresholds.ListThresholdOverridesAsync(None));
        var audit = await t.Users.ListSecurityEventsAsync(ThresholdOverride.AuditTarget("inbound-post", "blue-badge"), 10, None);
        Assert.Equal(2, audit.Count);
        Assert.Equal(AuditActions.ThresholdCleared, audit[0].Action);
        Assert.Equal("override 0.950 → configuration; reason: back to config", audit[0].Detail);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public async Task SetThresholdOverrideAsync_NotAProbability_ThrowsAndWritesNothing(double threshold)
    {
        await using var t = await CreateStoreAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => t.Thresholds.SetThresholdOverrideAsync("b", null, threshold, "ada", "r", None));

        Assert.Equal(0, t.Scalar("SELECT COUNT(*) FROM threshold_overrides"));
        Assert.Equal(0, t.Scalar("SELECT COUNT(*) FROM security_audit"));
    }

    [Fact]
    public async Task SetThresholdOverrideAsync_NoReason_Throws()
    {
        await using var t = await CreateStoreAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => t.Thresholds.SetThresholdOverrideAsync("b", null, 0.9, "ada", " ", None));
    }

    [Fact]
    public async Task ThresholdOverridesTable_OutOfRangeWrittenDirectly_RefusedByCheck()
    {
        await using var t = await CreateStoreAsync();

        Assert.ThrowsAny<DbException>(() => t.Execute("INSERT INTO threshold_overrides VALUES ('b', '', 1.5, 'x', 0, 'r');"));
    }
}
