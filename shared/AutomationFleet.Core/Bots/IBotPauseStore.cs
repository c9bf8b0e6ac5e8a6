namespace AutomationFleet.Core.Bots;

/// <summary>
/// Bots paused fleet-wide, kept in the fleet's store. Pausing and resuming each append a security audit row in the same
/// transaction, worded by <see cref="BotPauseAudit"/> (actions <see cref="Audit.AuditActions.BotPaused"/> and
/// <see cref="Audit.AuditActions.BotResumed"/>, target <see cref="BotPause.AuditTarget"/>). Bot names compare
/// case-insensitively. Consumers read pauses through <see cref="BotPauseSource"/>.
/// </summary>
public interface IBotPauseStore
{
    /// <summary>Every bot paused now, by name.</summary>
    Task<IReadOnlyList<BotPause>> ListBotPausesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Pauses a bot and audits it. A bot already paused stays paused as it was (first reason kept, nothing audited);
    /// the result says which.
    /// </summary>
    /// <param name="bot">The bot's name.</param>
    /// <param name="actor">Who pauses it.</param>
    /// <param name="reason">Why; required, at most <see cref="BotPause.MaxReasonLength"/> characters.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The pause in force, and whether this call made it.</returns>
    Task<BotPauseChange> PauseBotAsync(string bot, string actor, string reason, CancellationToken cancellationToken);

    /// <summary>Resumes a paused bot and audits it. Returns the pause it ended, or null if the bot was not paused (nothing audited).</summary>
    /// <param name="bot">The bot's name.</param>
    /// <param name="actor">Who resumes it.</param>
    /// <param name="reason">Why; required, at most <see cref="BotPause.MaxReasonLength"/> characters.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task<BotPause?> ResumeBotAsync(string bot, string actor, string reason, CancellationToken cancellationToken);
}
