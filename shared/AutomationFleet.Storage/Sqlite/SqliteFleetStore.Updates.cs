using System.Globalization;
using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Updates;
using AutomationFleet.Core.Users;
using Dapper;

namespace AutomationFleet.Storage.Sqlite;

/// <content>Proactive updates (<see cref="IUpdateStore"/>): opt-outs and the reservations the daily cap is counted by.</content>
public sealed partial class SqliteFleetStore : IUpdateStore
{
    private const string SelectOptedOut = """
        SELECT EXISTS (SELECT 1 FROM update_opt_outs WHERE (kind = 'address' AND value = $hash) OR (kind = 'item' AND value = $item));
        """;

    private const string SelectUpdateReserved = "SELECT EXISTS (SELECT 1 FROM update_sends WHERE update_reference = $reference);";

    private const string CountUpdatesOnDay = "SELECT count(*) FROM update_sends WHERE recipient_hash = $hash AND day = $day;";

    private const string InsertUpdateSend = """
        INSERT INTO update_sends (update_reference, item_reference, queue, touch_point, recipient_hash, day, reserved_at)
        VALUES ($reference, $item, $queue, $touchPoint, $hash, $day, $now);
        """;

    private const string UpdateSendSent = "UPDATE update_sends SET sent_at = $now WHERE update_reference = $reference AND sent_at IS NULL;";

    private const string InsertOptOut = "INSERT OR IGNORE INTO update_opt_outs (kind, value, opted_out_at) VALUES ($kind, $value, $now);";

    private const string ListUpdateSends = """
        SELECT item_reference AS ItemReference, queue AS Queue, touch_point AS TouchPoint, day AS Day, sent_at AS SentAt
        FROM update_sends WHERE reserved_at >= $since ORDER BY reserved_at;
        """;

    private const string InsertExpectedDateRevision = """
        INSERT OR IGNORE INTO expected_date_revisions (item_reference, expected_by, revised_at) VALUES ($item, $expectedBy, $now);
        """;

    // The references come as one JSON array parameter: a sweep asks about thousands of items at once.
    private const string SelectLatestExpectedDates = """
        SELECT item_reference AS ItemReference, expected_by AS ExpectedBy FROM expected_date_revisions
        WHERE item_reference IN (SELECT value FROM json_each($references));
        """;

    private const string SelectLatestExpectedDate = "SELECT expected_by FROM expected_date_revisions WHERE item_reference = $reference ORDER BY expected_by DESC LIMIT 1;";

    /// <inheritdoc />
    public Task<UpdateReservation> ReserveUpdateAsync(UpdateSend send, int dailyCap, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        ArgumentOutOfRangeException.ThrowIfLessThan(dailyCap, 1);
        var day = send.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return WriteAsync(
            now =>
            {
                if (Convert.ToInt64(WriteCommand(SelectOptedOut).Bind("$hash", send.RecipientHash).Bind("$item", send.ItemReference).ExecuteScalar(), CultureInfo.InvariantCulture) != 0)
                {
                    return UpdateReservation.OptedOut;
                }

                if (Convert.ToInt64(WriteCommand(SelectUpdateReserved).Bind("$reference", send.UpdateReference).ExecuteScalar(), CultureInfo.InvariantCulture) != 0)
                {
                    return UpdateReservation.Reserved;
                }

                if (Convert.ToInt64(WriteCommand(CountUpdatesOnDay).Bind("$hash", send.RecipientHash).Bind("$day", day).ExecuteScalar(), CultureInfo.InvariantCulture) >= dailyCap)
                {
                    return UpdateReservation.Capped;
                }

                WriteCommand(InsertUpdateSend)
                    .Bind("$reference", send.UpdateReference).Bind("$item", send.ItemReference).Bind("$queue", send.Queue)
                    .Bind("$touchPoint", send.TouchPoint.ToString()).Bind("$hash", send.RecipientHash).Bind("$day", day).Bind("$now", now)
                    .ExecuteNonQuery();
                return UpdateReservation.Reserved;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task MarkUpdateSentAsync(string updateReference, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(updateReference);
        return WriteAsync(
            now => WriteCommand(UpdateSendSent).Bind("$reference", updateReference).Bind("$now", now).ExecuteNonQuery(),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> OptOutAsync(UpdateOptOut optOut, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(optOut);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (optOut.RecipientHash is null && optOut.ItemReference is null)
        {
            throw new ArgumentException("An opt-out names an address, an item or both.", nameof(optOut));
        }

        return WriteAsync(
            now =>
            {
                var added = 0;
                if (optOut.RecipientHash is { } hash)
                {
                    added += WriteCommand(InsertOptOut).Bind("$kind", "address").Bind("$value", hash).Bind("$now", now).ExecuteNonQuery();
                }

                if (optOut.ItemReference is { } item)
                {
                    added += WriteCommand(InsertOptOut).Bind("$kind", "item").Bind("$value", item).Bind("$now", now).ExecuteNonQuery();
                }

                if (added > 0)
                {
                    InsertSecurityEvent(now, new SecurityEvent(actor, AuditActions.UpdatesOptedOut, optOut.AuditTarget, "no further updates"));
                }

                return added > 0;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<UpdateRecord>> ListUpdatesAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<UpdateRecord>>(
            (connection, _) => connection.Query<UpdateRow>(ListUpdateSends, new { since = since.ToUnixTimeMilliseconds() })
                .Select(row => row.ToRecord())
                .ToList(),
            cancellationToken);

    /// <inheritdoc />
    public Task ReviseExpectedDateAsync(string itemReference, DateOnly expectedBy, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(itemReference);
        var date = expectedBy.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return WriteAsync(
            now => WriteCommand(InsertExpectedDateRevision).Bind("$item", itemReference).Bind("$expectedBy", date).Bind("$now", now).ExecuteNonQuery(),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, DateOnly>> FindRevisedExpectedDatesAsync(
        IReadOnlyCollection<string> itemReferences, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(itemReferences);
        var references = System.Text.Json.JsonSerializer.Serialize<IReadOnlyList<string>>([.. itemReferences], StorageJsonContext.Default.IReadOnlyListString);
        return ReadAsync<IReadOnlyDictionary<string, DateOnly>>(
            (connection, _) => connection.Query<ExpectedDateRow>(SelectLatestExpectedDates, new { references })
                .GroupBy(row => row.ItemReference, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Max(row => ParseDay(row.ExpectedBy)), StringComparer.Ordinal),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<DateOnly?> GetRevisedExpectedDateAsync(string itemReference, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(itemReference);
        return ReadAsync(
            (connection, _) => connection.ExecuteScalar<string?>(SelectLatestExpectedDate, new { reference = itemReference }) is { } day
                ? ParseDay(day)
                : (DateOnly?)null,
            cancellationToken);
    }

    private static DateOnly ParseDay(string day) => DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record ExpectedDateRow(string ItemReference, string ExpectedBy);

    private sealed record UpdateRow(string ItemReference, string Queue, string TouchPoint, string Day, long? SentAt)
    {
        public UpdateRecord ToRecord() => new(
            ItemReference, Queue, Enum.Parse<TouchPoint>(TouchPoint), DateOnly.ParseExact(Day, "yyyy-MM-dd", CultureInfo.InvariantCulture), SentAt is not null);
    }
}
