using System.Globalization;
using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Users;

namespace AutomationFleet.Core.Confidence;

/// <summary>
/// What a store checks and writes when an override changes: the range of a threshold and the security-audit row
/// (<c>old → new; reason: …</c>), worded once for every store.
/// </summary>
public static class ThresholdOverrideAudit
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless the threshold is in 0..1.</summary>
    public static void EnsureInRange(double threshold)
    {
        if (double.IsNaN(threshold) || threshold is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "A threshold must be between 0 and 1.");
        }
    }

    /// <summary>
    /// The row for setting <paramref name="threshold"/> over <paramref name="previous"/> (null: configuration). The
    /// target names the override as first stored (its key keeps its case on replace), so one override's rows share it.
    /// </summary>
    public static SecurityEvent Set(string actor, ThresholdOverride? previous, string bot, string? category, double threshold, string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var target = previous is null ? ThresholdOverride.AuditTarget(bot, category) : ThresholdOverride.AuditTarget(previous.Bot, previous.Category);
        return new SecurityEvent(actor, AuditActions.ThresholdSet, target, $"{Describe(previous)} → {Number(threshold)}; reason: {reason.Trim()}");
    }

    /// <summary>The row for clearing <paramref name="previous"/> (back to configuration).</summary>
    public static SecurityEvent Cleared(string actor, ThresholdOverride previous, string reason)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(reason);
        return new SecurityEvent(
            actor, AuditActions.ThresholdCleared, ThresholdOverride.AuditTarget(previous.Bot, previous.Category),
            $"{Describe(previous)} → configuration; reason: {reason.Trim()}");
    }

    private static string Describe(ThresholdOverride? previous) =>
        previous is null ? "configuration" : $"override {Number(previous.Threshold)}";

    private static string Number(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
