using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Confidence;

namespace AutomationFleet.Core.Tests.Confidence;

public sealed class ThresholdOverrideAuditTests
{
    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void EnsureInRange_OutsideZeroToOne_Throws(double threshold) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ThresholdOverrideAudit.EnsureInRange(threshold));

    [Fact]
    public void Set_OverConfiguration_OldToNewAndReason()
    {
        var audit = ThresholdOverrideAudit.Set("cli:root", null, "post", "blue-badge", 0.9, " drift ");

        Assert.Equal(AuditActions.ThresholdSet, audit.Action);
        Assert.Equal("threshold:post/blue-badge", audit.Target);
        Assert.Equal("configuration → 0.900; reason: drift", audit.Detail);
    }

    [Fact]
    public void Set_OverAnOverride_TargetAsFirstStored()
    {
        var previous = new ThresholdOverride("Post", null, 0.8, "ann", DateTimeOffset.UnixEpoch, "first");

        var audit = ThresholdOverrideAudit.Set("ann", previous, "post", null, 0.95, "again");

        Assert.Equal("threshold:Post/*", audit.Target);
        Assert.Equal("override 0.800 → 0.950; reason: again", audit.Detail);
    }

    [Fact]
    public void Cleared_BackToConfiguration()
    {
        var audit = ThresholdOverrideAudit.Cleared("ann", new ThresholdOverride("post", "x", 0.7, "ann", DateTimeOffset.UnixEpoch, "r"), "done");

        Assert.Equal((AuditActions.ThresholdCleared, "override 0.700 → configuration; reason: done"), (audit.Action, audit.Detail));
    }
}
