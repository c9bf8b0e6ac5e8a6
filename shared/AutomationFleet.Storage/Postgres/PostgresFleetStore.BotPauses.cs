using AutomationFleet.Core.Bots;

namespace AutomationFleet.Storage.Postgres;

/// <content>Bots paused fleet-wide (<see cref="IBotPauseStore"/>), each change audited in the same transaction.</content>
public sealed partial class PostgresFleetStore : IBotPauseStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<BotPause>> ListBotPausesAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<BotPause>>(
            async session => (await session.QueryAsync<PostgresRows.BotPauseRow>(PostgresStatements.ListBotPauses))
                .Select(row => row.ToPause())
                .ToList(),
            cancellationToken);

    /// <inheritdoc />
    public Task<BotPauseChange> PauseBotAsync(string bot, string actor, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bot);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var trimmed = BotPauseAudit.EnsureReason(reason);
        return WriteAsync(
            async session =>
            {
                if (await LockBotPauseAsync(session, bot) is { } existing)
                {
                    return new BotPauseChange(existing, Changed: false);
                }

                await session.ExecuteAsync(PostgresStatements.InsertBotPause, new { bot, actor, now = session.Now, reason = trimmed });
                await InsertSecurityEventAsync(session, BotPauseAudit.Paused(actor, bot, trimmed));
                return new BotPauseChange((await LockBotPauseAsync(session, bot))!, Changed: true);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<BotPause?> ResumeBotAsync(string bot, string actor, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bot);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var trimmed = BotPauseAudit.EnsureReason(reason);
        return WriteAsync(
            async session =>
            {
                var previous = await LockBotPauseAsync(session, bot);
                if (previous is null)
                {
                    return null;
                }

                await session.ExecuteAsync(PostgresStatements.DeleteBotPause, new { bot });
                await InsertSecurityEventAsync(session, BotPauseAudit.Resumed(actor, previous, trimmed));
                return previous;
            },
            cancellationToken);
    }

    /// <summary>
    /// The bot's pause, or null, with the bot's key locked until the transaction ends, so two administrators pausing at
    /// once write one row and one audit row.
    /// </summary>
    private static async Task<BotPause?> LockBotPauseAsync(Session session, string bot)
    {
        await session.ExecuteAsync(PostgresStatements.LockBotPauseKey, new { bot });
        return (await session.SingleOrDefaultAsync<PostgresRows.BotPauseRow>(PostgresStatements.SelectBotPause, new { bot }))?.ToPause();
    }
}
