using AutomationFleet.Core.SideEffects;
using Dapper;

namespace AutomationFleet.Storage.Sqlite;

/// <content>The side-effect ledger (<see cref="ISideEffectLedger"/>).</content>
public sealed partial class SqliteFleetStore
{
    /// <inheritdoc />
    /// <remarks>
    /// Explicit: <see cref="Core.WorkItems.IWorkQueue.FindAsync"/> has the same parameters. Call it through
    /// <see cref="ISideEffectLedger"/>.
    /// </remarks>
    Task<SideEffectRecord?> ISideEffectLedger.FindAsync(string key, CancellationToken cancellationToken) =>
        ReadAsync(
            (connection, _) =>
            {
                ArgumentException.ThrowIfNullOrWhiteSpace(key);
                return connection.QuerySingleOrDefault<SqliteRows.SideEffectRow>(SqliteStatements.SelectSideEffect, new { key })?.ToRecord();
            },
            cancellationToken);

    /// <inheritdoc />
    /// <remarks>An entry already Completed is never reset: that would forget a step known to have happened.</remarks>
    /// <exception cref="InvalidOperationException">The step is already recorded as Completed.</exception>
    public Task BeginAsync(string key, long itemId, string step, bool isIdempotent, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(step);
        return WriteAsync(
            now =>
            {
                var changed = WriteCommand(SqliteStatements.BeginSideEffect)
                    .Bind("$key", key)
                    .Bind("$item", itemId)
                    .Bind("$step", step)
                    .Bind("$idempotent", isIdempotent ? 1 : 0)
                    .Bind("$now", now)
                    .ExecuteNonQuery();
                if (changed == 0)
                {
                    throw new SideEffectConflictException(key);
                }

                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="KeyNotFoundException">The step was never begun (or was abandoned).</exception>
    public Task CompleteAsync(string key, string? resultJson, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return WriteAsync(
            now =>
            {
                var changed = WriteCommand(SqliteStatements.CompleteSideEffect)
                    .Bind("$now", now)
                    .Bind("$result", resultJson)
                    .Bind("$key", key)
                    .ExecuteNonQuery();
                if (changed == 0)
                {
                    throw new KeyNotFoundException($"Side effect {key} was never begun.");
                }

                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>A Completed entry is kept (the step did happen); a missing key is a no-op.</remarks>
    public Task AbandonAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return WriteAsync(
            _ => WriteCommand(SqliteStatements.AbandonSideEffect).Bind("$key", key).ExecuteNonQuery(),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SideEffectRecord>> ListAsync(long itemId, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<SideEffectRecord>>(
            (connection, _) => connection.Query<SqliteRows.SideEffectRow>(SqliteStatements.ListSideEffects, new { item = itemId })
                .Select(row => row.ToRecord())
                .ToList(),
            cancellationToken);
}
