using AutomationFleet.Core.Confidence;
using Microsoft.Data.Sqlite;

namespace AutomationFleet.Storage.Sqlite;

/// <content>Confidence threshold overrides (<see cref="IThresholdOverrideStore"/>), each change audited in the same transaction.</content>
public sealed partial class SqliteFleetStore : IThresholdOverrideStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<ThresholdOverride>> ListThresholdOverridesAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<ThresholdOverride>>(
            (connection, _) =>
            {
                using var command = ReadCommand(connection, SqliteStatements.ListThresholdOverrides);
                using var reader = command.ExecuteReader();
                var overrides = new List<ThresholdOverride>();
                while (reader.Read())
                {
                    overrides.Add(ReadThresholdOverride(reader));
                }

                return overrides;
            },
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

    private ThresholdOverride? FindThresholdOverride(string bot, string? category)
    {
        using var reader = WriteCommand(SqliteStatements.SelectThresholdOverride)
            .Bind("$bot", bot).Bind("$category", category ?? string.Empty)
            .ExecuteReader();
        return reader.Read() ? ReadThresholdOverride(reader) : null;
    }

    private static ThresholdOverride ReadThresholdOverride(SqliteDataReader reader)
    {
        var category = reader.GetString(1);
        return new ThresholdOverride(
            reader.GetString(0), category.Length == 0 ? null : category, reader.GetDouble(2), reader.GetString(3), reader.GetTime(4), reader.GetString(5));
    }
}
