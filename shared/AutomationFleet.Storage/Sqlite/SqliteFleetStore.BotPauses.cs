using AutomationFleet.Core.Bots;
using Dapper;

namespace AutomationFleet.Storage.Sqlite;

/// <content>Bots paused fleet-wide (<see cref="IBotPauseStore"/>), each change audited in the same transaction.</content>
public sealed partial class SqliteFleetStore : IBotPauseStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<BotPause>> ListBotPausesAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<BotPause>>(
            (connection, _) => connection.Query<SqliteRows.BotPauseRow>(SqliteStatements.ListBotPauses).Select(row => row.ToPause()).ToList(),
            cancellationToken);

    /// <inheritdoc />
    public Task<BotPauseChange> PauseBotAsync(string bot, string actor, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bot);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var trimmed = BotPauseAudit.EnsureReason(reason);
        return WriteAsync(
            now =>
            {
                if (FindBotPause(bot) is { } existing)
                {
                    return new BotPauseChange(existing, Changed: false);
                }

                WriteCommand(SqliteStatements.InsertBotPause)
                    .Bind("$bot", bot).Bind("$actor", actor).Bind("$now", now).Bind("$reason", trimmed)
                    .ExecuteNonQuery();
                InsertSecurityEvent(now, BotPauseAudit.Paused(actor, bot, trimmed));
                return new BotPauseChange(FindBotPause(bot)!, Changed: true);
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
            now =>
            {
                var previous = FindBotPause(bot);
                if (previous is null)
                {
                    return null;
                }

                WriteCommand(SqliteStatements.DeleteBotPause).Bind("$bot", bot).ExecuteNonQuery();
                InsertSecurityEvent(now, BotPauseAudit.Resumed(actor, previous, trimmed));
                return previous;
            },
            cancellationToken);
    }

    /// <summary>The bot's pause, or null. Write lock held.</summary>
    private BotPause? FindBotPause(string bot) =>
        _writer!.QuerySingleOrDefault<SqliteRows.BotPauseRow>(SqliteStatements.SelectBotPause, new { bot })?.ToPause();
}
