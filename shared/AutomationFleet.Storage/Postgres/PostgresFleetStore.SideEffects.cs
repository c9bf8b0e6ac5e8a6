using AutomationFleet.Core.SideEffects;

namespace AutomationFleet.Storage.Postgres;

/// <content>The side-effect ledger (<see cref="ISideEffectLedger"/>).</content>
public sealed partial class PostgresFleetStore
{
    /// <inheritdoc />
    /// <remarks>
    /// Explicit: <see cref="Core.WorkItems.IWorkQueue.FindAsync"/> has the same parameters. Call it through
    /// <see cref="ISideEffectLedger"/>.
    /// </remarks>
    Task<SideEffectRecord?> ISideEffectLedger.FindAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return ReadAsync(
            async session => (await session.SingleOrDefaultAsync<PostgresRows.SideEffectRow>(PostgresStatements.SelectSideEffect, new { key }))?.ToRecord(),
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>An entry already Completed is never reset: that would forget a step known to have happened.</remarks>
    /// <exception cref="InvalidOperationException">The step is already recorded as Completed.</exception>
    public Task BeginAsync(string key, long itemId, string step, bool isIdempotent, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(step);
        return WriteOneAsync(
            async session =>
            {
                var changed = await session.ExecuteAsync(
                    PostgresStatements.BeginSideEffect,
                    new { key, item = itemId, step, idempotent = isIdempotent, now = session.Now });
                if (changed == 0)
                {
                    throw new SideEffectConflictException(key);
                }

                return changed;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="KeyNotFoundException">The step was never begun (or was abandoned).</exception>
    public Task CompleteAsync(string key, string? resultJson, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return WriteOneAsync(
            async session =>
            {
                var changed = await session.ExecuteAsync(PostgresStatements.CompleteSideEffect, new { now = session.Now, result = resultJson, key });
                if (changed == 0)
                {
                    throw new KeyNotFoundException($"Side effect {key} was never begun.");
                }

                return changed;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>A Completed entry is kept (the step did happen); a missing key is a no-op.</remarks>
    public Task AbandonAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return WriteOneAsync(session => session.ExecuteAsync(PostgresStatements.AbandonSideEffect, new { key }), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SideEffectRecord>> ListAsync(long itemId, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<SideEffectRecord>>(
            async session => (await session.QueryAsync<PostgresRows.SideEffectRow>(PostgresStatements.ListSideEffects, new { item = itemId }))
                .Select(row => row.ToRecord())
                .ToList(),
            cancellationToken);
}
