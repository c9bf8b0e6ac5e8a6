namespace AutomationFleet.Core.Confidence;

/// <summary>
/// Threshold overrides kept in the fleet's store. Every change appends a security audit row (who, old → new, reason)
/// in the same transaction, worded by <see cref="ThresholdOverrideAudit"/> (action <see cref="Audit.AuditActions.ThresholdSet"/>
/// or <see cref="Audit.AuditActions.ThresholdCleared"/>, target <see cref="ThresholdOverride.AuditTarget"/>). Bots and categories compare case-insensitively.
/// </summary>
public interface IThresholdOverrideStore
{
    /// <summary>Every override in force, by bot then category (the bot's own first).</summary>
    Task<IReadOnlyList<ThresholdOverride>> ListThresholdOverridesAsync(CancellationToken cancellationToken);

    /// <summary>Sets (or replaces) an override and audits it. Returns the override it replaced, or null.</summary>
    /// <param name="bot">The bot's name.</param>
    /// <param name="category">The category; null for the bot's own threshold.</param>
    /// <param name="threshold">The new threshold, 0..1.</param>
    /// <param name="actor">Who sets it.</param>
    /// <param name="reason">Why; required.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task<ThresholdOverride?> SetThresholdOverrideAsync(
        string bot, string? category, double threshold, string actor, string reason, CancellationToken cancellationToken);

    /// <summary>Removes an override (back to configuration) and audits it. Returns the removed one, or null (nothing audited).</summary>
    /// <param name="bot">The bot's name.</param>
    /// <param name="category">The category; null for the bot's own threshold.</param>
    /// <param name="actor">Who clears it.</param>
    /// <param name="reason">Why; required.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task<ThresholdOverride?> ClearThresholdOverrideAsync(string bot, string? category, string actor, string reason, CancellationToken cancellationToken);
}
