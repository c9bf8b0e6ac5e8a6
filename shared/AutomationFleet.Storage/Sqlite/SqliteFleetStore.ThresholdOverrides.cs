using System.Globalization;
using AutomationFleet.Core.Confidence;
using AutomationFleet.Core.Users;
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
        if (double.IsNaN(threshold) || threshold is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "A threshold must be between 0 and 1.");
        }

        return WriteAsync(
            now =>
            {
                var previous = FindThresholdOverride(bot, category);
                WriteCommand(SqliteStatements.UpsertThresholdOverride)
                    .Bind("$bot", bot).Bind("$category", category ?? string.Empty).Bind("$threshold", threshold)
                    .Bind("$actor", actor).Bind("$now", now).Bind("$reason", reason.Trim())
                    .ExecuteNonQuery();
                var detail = $"{Describe(previous)} → {Number(threshold)}; reason: {reason.Trim()}";
                // Named as first stored (the key keeps its case on replace), so one override's audit rows share a target.
                var target = previous is null ? ThresholdOverride.AuditTarget(bot, category) : ThresholdOverride.AuditTarget(previous.Bot, previous.Category);
                InsertSecurityEvent(now, new SecurityEvent(actor, IThresholdOverrideStore.SetAction, target, detail));
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
                var detail = $"{Describe(previous)} → configuration; reason: {reason.Trim()}";
                InsertSecurityEvent(now, new SecurityEvent(actor, IThresholdOverrideStore.ClearAction, ThresholdOverride.AuditTarget(previous.Bot, previous.Category), detail));
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

    private static string Describe(ThresholdOverride? previous) =>
        previous is null ? "configuration" : $"override {Number(previous.Threshold)}";

    private static string Number(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
