using System.Globalization;
using AutomationFleet.Core.PublicStatus;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Storage.Sqlite;

/// <content>The public status page's reads and look-up attempts (<see cref="IPublicStatusStore"/>).</content>
public sealed partial class SqliteFleetStore : IPublicStatusStore
{
    /// <inheritdoc />
    public Task<WorkItem?> GetItemAsync(long itemId, CancellationToken cancellationToken) =>
        ReadAsync(
            (connection, _) =>
            {
                using var command = ReadCommand(connection, SqliteStatements.SelectItemById).Bind("$id", itemId);
                using var reader = command.ExecuteReader();
                return reader.Read() ? ReadItem(reader) : null;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<StatusCheckAttempt> BeginStatusCheckAsync(
        string reference, string client, int maxFailures, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFailures, 1);
        return WriteAsync(
            now =>
            {
                var since = now - Milliseconds(window);
                WriteCommand(SqliteStatements.DeleteOldFailedStatusChecks).Bind("$since", since).ExecuteNonQuery();
                var id = Convert.ToInt64(
                    WriteCommand(SqliteStatements.InsertStatusCheck).Bind("$reference", reference).Bind("$client", client).Bind("$now", now).ExecuteScalar(),
                    CultureInfo.InvariantCulture);
                var byReference = Convert.ToInt64(
                    WriteCommand(SqliteStatements.CountFailedStatusChecksByReference).Bind("$reference", reference).Bind("$since", since).ExecuteScalar(),
                    CultureInfo.InvariantCulture);
                var byClient = Convert.ToInt64(
                    WriteCommand(SqliteStatements.CountFailedStatusChecksByClient).Bind("$client", client).Bind("$since", since).ExecuteScalar(),
                    CultureInfo.InvariantCulture);
                if (byReference > maxFailures || byClient > maxFailures)
                {
                    InsertSecurityEvent(now, StatusCheckAudit.Limited(reference));
                    return new StatusCheckAttempt(0, Limited: true);
                }

                return new StatusCheckAttempt(id, Limited: false);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task CompleteStatusCheckAsync(long attemptId, long? itemId, CancellationToken cancellationToken) =>
        WriteAsync(
            now =>
            {
                if (itemId is { } found)
                {
                    WriteCommand(SqliteStatements.PassStatusCheck).Bind("$id", attemptId).Bind("$item", found).ExecuteScalar();
                }
                else if (WriteCommand(SqliteStatements.SelectStatusCheckReference).Bind("$id", attemptId).ExecuteScalar() is string reference)
                {
                    InsertSecurityEvent(now, StatusCheckAudit.Failed(reference));
                }

                return 0;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<StatusLookupCounts> CountStatusLookupsAsync(CancellationToken cancellationToken) =>
        ReadAsync(
            (connection, _) =>
            {
                using var command = ReadCommand(connection, SqliteStatements.CountStatusLookups);
                using var reader = command.ExecuteReader();
                reader.Read();
                return new StatusLookupCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
            },
            cancellationToken);
}
