using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Users;

namespace AutomationFleet.Core.Bots;

/// <summary>What a store checks and writes when a bot is paused or resumed, worded once for every store.</summary>
public static class BotPauseAudit
{
    /// <summary>
    /// Throws <see cref="ArgumentException"/> unless the reason has text and is at most
    /// <see cref="BotPause.MaxReasonLength"/> characters; returns it trimmed.
    /// </summary>
    public static string EnsureReason(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var trimmed = reason.Trim();
        if (trimmed.Length > BotPause.MaxReasonLength)
        {
            throw new ArgumentException($"A reason must be at most {BotPause.MaxReasonLength} characters.", nameof(reason));
        }

        return trimmed;
    }

    /// <summary>The row for pausing <paramref name="bot"/>.</summary>
    public static SecurityEvent Paused(string actor, string bot, string reason) =>
        new(actor, AuditActions.BotPaused, BotPause.AuditTarget(bot), $"reason: {reason.Trim()}");

    /// <summary>The row for resuming the bot <paramref name="previous"/> paused.</summary>
    public static SecurityEvent Resumed(string actor, BotPause previous, string reason)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(reason);
        return new SecurityEvent(
            actor, AuditActions.BotResumed, BotPause.AuditTarget(previous.Bot),
            $"paused by {previous.PausedBy}; reason: {reason.Trim()}");
    }
}
