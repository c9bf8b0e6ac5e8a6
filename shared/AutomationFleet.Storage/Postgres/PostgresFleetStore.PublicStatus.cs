using AutomationFleet.Core.PublicStatus;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Storage.Postgres;

/// <content>The public status page's reads and look-up attempts (<see cref="IPublicStatusStore"/>).</content>
public sealed partial class PostgresFleetStore : IPublicStatusStore
{
    /// <inheritdoc />
    public Task<WorkItem?> GetItemAsync(long itemId, CancellationToken cancellationToken) =>
        ReadAsync(
            async session => (await session.SingleOrDefaultAsync<PostgresRows.ItemRow>(PostgresStatements.SelectItemById, new { id = itemId }))?.ToItem(),
            cancellationToken);

    /// <inheritdoc />
    public Task<StatusCheckAttempt> BeginStatusCheckAsync(
        string reference, string client, int maxFailures, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFailures, 1);
        return WriteAsync(
            async session =>
            {
                var since = session.Now - (long)Math.Ceiling(window.TotalMilliseconds);
                await session.ExecuteAsync(PostgresStatements.LockStatusCheckKeys, new { reference, client });
                await session.ExecuteAsync(PostgresStatements.DeleteOldFailedStatusChecks, new { since });
                var id = await session.ScalarAsync<long>(PostgresStatements.InsertStatusCheck, new { reference, client, now = session.Now });
                var counts = (await session.SingleOrDefaultAsync<PostgresRows.StatusCheckFailuresRow>(PostgresStatements.CountFailedStatusChecks, new { reference, client, since }))!;
                if (counts.ByReference > maxFailures || counts.ByClient > maxFailures)
                {
                    await InsertSecurityEventAsync(session, StatusCheckAudit.Limited(reference));
                    return new StatusCheckAttempt(0, Limited: true);
                }

                return new StatusCheckAttempt(id, Limited: false);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task CompleteStatusCheckAsync(long attemptId, long? itemId, CancellationToken cancellationToken) =>
        WriteAsync(
            async session =>
            {
                if (itemId is { } found)
                {
                    await session.ExecuteAsync(PostgresStatements.PassStatusCheck, new { id = attemptId, item = found });
                }
                else if (await session.ScalarAsync<string>(PostgresStatements.SelectStatusCheckReference, new { id = attemptId }) is { } reference)
                {
                    await InsertSecurityEventAsync(session, StatusCheckAudit.Failed(reference));
                }

                return 0;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<StatusLookupCounts> CountStatusLookupsAsync(CancellationToken cancellationToken) =>
        ReadAsync(
            async session =>
            {
                var row = (await session.SingleOrDefaultAsync<PostgresRows.StatusLookupsRow>(PostgresStatements.CountStatusLookups))!;
                return new StatusLookupCounts(row.LookUps, row.ItemsLookedUp, row.Items);
            },
            cancellationToken);
}
