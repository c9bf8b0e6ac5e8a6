namespace AutomationFleet.Core.Confidence;

/// <summary>A threshold an administrator set in the store, replacing the configured one until it is cleared.</summary>
/// <param name="Bot">The bot's name.</param>
/// <param name="Category">The category; null for the bot's own threshold (what <c>Confidence:Bots:{bot}:Threshold</c> sets).</param>
/// <param name="Threshold">The threshold, 0..1.</param>
/// <param name="SetBy">Who set it (portal account or <c>cli:{user}</c>).</param>
/// <param name="SetAt">When, by the store's clock.</param>
/// <param name="Reason">Why, as given.</param>
public sealed record ThresholdOverride(string Bot, string? Category, double Threshold, string SetBy, DateTimeOffset SetAt, string Reason)
{
    /// <summary>How the override is named in the security audit: <c>threshold:{bot}/{category}</c>, <c>*</c> for the bot's own.</summary>
    public static string AuditTarget(string bot, string? category) => $"threshold:{bot}/{category ?? "*"}";
}
