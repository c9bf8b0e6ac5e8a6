using AutomationFleet.Core.Confidence;

namespace AutomationFleet.Storage.Postgres;

/// <content>Confidence threshold overrides (<see cref="IThresholdOverrideStore"/>), each change audited in the same transaction.</content>
public sealed partial class PostgresFleetStore : IThresholdOverrideStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<ThresholdOverride>> ListThresholdOverridesAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<ThresholdOverride>>(
            async session => (await session.QueryAsync<PostgresRows.ThresholdOverrideRow>(PostgresStatements.ListThresholdOverrides))
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
            async session =>
            {
                var previous = await LockThresholdOverrideAsync(session, bot, category);
                await session.ExecuteAsync(
                    PostgresStatements.UpsertThresholdOverride,
                    new { bot, category = category ?? string.Empty, threshold, actor, now = session.Now, reason = reason.Trim() });
                await InsertSecurityEventAsync(session, ThresholdOverrideAudit.Set(actor, previous, bot, category, threshold, reason));
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
            async session =>
            {
                var previous = await LockThresholdOverrideAsync(session, bot, category);
                if (previous is null)
                {
                    return null;
                }

                await session.ExecuteAsync(PostgresStatements.DeleteThresholdOverride, new { bot, category = category ?? string.Empty });
                await InsertSecurityEventAsync(session, ThresholdOverrideAudit.Cleared(actor, previous, reason));
                return previous;
            },
            cancellationToken);
    }

    /// <summary>
    /// The override in force for the bot and category, or null. The key is locked until the transaction ends (an advisory
    /// lock, since a missing override has no row to lock), so concurrent changes of one key each audit what they replaced.
    /// </summary>
    private static async Task<ThresholdOverride?> LockThresholdOverrideAsync(Session session, string bot, string? category)
    {
        await session.ExecuteAsync(PostgresStatements.LockThresholdKey, new { bot, category = category ?? string.Empty });
        return (await session.SingleOrDefaultAsync<PostgresRows.ThresholdOverrideRow>(
            PostgresStatements.LockThresholdOverride, new { bot, category = category ?? string.Empty }))?.ToOverride();
    }
}
