namespace AutomationFleet.Core.Bots;

/// <summary>
/// A bot an administrator paused fleet-wide: every worker's consumer of the bot stops taking new items until it is
/// resumed. Kept in the store, so it survives restarts.
/// </summary>
/// <param name="Bot">The bot's name (compared case-insensitively).</param>
/// <param name="PausedBy">Who paused it (portal account or <c>cli:{user}</c>).</param>
/// <param name="PausedAt">When, by the store's clock.</param>
/// <param name="Reason">Why, as given.</param>
public sealed record BotPause(string Bot, string PausedBy, DateTimeOffset PausedAt, string Reason)
{
    /// <summary>Longest reason accepted, so an audit row stays a line.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>How a bot is named in the security audit: <c>bot:{name}</c>.</summary>
    public static string AuditTarget(string bot) => $"bot:{bot}";
}
