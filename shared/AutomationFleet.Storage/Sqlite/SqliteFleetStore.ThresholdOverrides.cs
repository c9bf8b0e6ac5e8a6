using AutomationFleet.Core.Confidence;
using Dapper;

namespace AutomationFleet.Storage.Sqlite;

/// <content>Confidence threshold overrides (<see cref="IThresholdOverrideStore"/>), each change audited in the same transaction.</content>
public sealed partial class SqliteFleetStore : IThresholdOverrideStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<ThresholdOverride>> ListThresholdOverridesAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<ThresholdOverride>>(
            (connection, _) => connection.Query<SqliteRows.ThresholdOverrideRow>(SqliteStatements.ListThresholdOverrides)
                .Select(row => row.ToOverride())
                .ToList(),
            cancellationToken);

    /// <inheritdoc />
    public Task<ThresholdOverride?> SetThresholdOverrideAsync(
        string bot, string? category, double threshold, string actor, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bot);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ThresholdOverrideAudit.EnsureInRange(threshold);

        return WriteAsync(
            now =>
            {
                var previous = FindThresholdOverride(bot, category);
                WriteCommand(SqliteStatements.UpsertThresholdOverride)
                    .Bind("$bot", bot).Bind("$category", category ?? string.Empty).Bind("$threshold", threshold)
                    .Bind("$actor", actor).Bind("$now", now).Bind("$reason", reason.Trim())
                    .ExecuteNonQuery();
                InsertSecurityEvent(now, ThresholdOverrideAudit.Set(actor, previous, bot, category, threshold, reason));
                return previous;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<ThresholdOverride?> ClearThresholdOverrideAsync(string bot, string? category, string actor, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bot);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return WriteAsync(
            now =>
            {
                var previous = FindThresholdOverride(bot, category);
                if (previous is null)
                {
                    return null;
                }

                WriteCommand(SqliteStatements.DeleteThresholdOverride).Bind("$bot", bot).Bind("$category", category ?? string.Empty).ExecuteNonQuery();
                InsertSecurityEvent(now, ThresholdOverrideAudit.Cleared(actor, previous, reason));
                return previous;
            },
            cancellationToken);
    }

    /// <summary>The override in force for the bot and category, or null. Write lock held.</summary>
    private ThresholdOverride? FindThresholdOverride(string bot, string? category) =>
        _writer!.QuerySingleOrDefault<SqliteRows.ThresholdOverrideRow>(
            SqliteStatements.SelectThresholdOverride, new { bot, category = category ?? string.Empty })?.ToOverride();
}
