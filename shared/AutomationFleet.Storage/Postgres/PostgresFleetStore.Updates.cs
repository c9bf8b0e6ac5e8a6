using System.Globalization;
using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Updates;
using AutomationFleet.Core.Users;

namespace AutomationFleet.Storage.Postgres;

/// <content>Proactive updates (<see cref="IUpdateStore"/>): opt-outs and the reservations the daily cap is counted by.</content>
public sealed partial class PostgresFleetStore : IUpdateStore
{
    // One address's reservations are serialised by a transaction lock on its hash, so two workers cannot both take the
    // last place under the cap.
    private const string LockRecipientKey = "SELECT pg_advisory_xact_lock(hashtextextended('update-cap/' || @hash, 0));";

    private const string SelectOptedOut = """
        SELECT EXISTS (SELECT 1 FROM update_opt_outs WHERE (kind = 'address' AND value = @hash) OR (kind = 'item' AND value = @item));
        """;

    private const string SelectUpdateReserved = "SELECT EXISTS (SELECT 1 FROM update_sends WHERE update_reference = @reference);";

    private const string CountUpdatesOnDay = "SELECT count(*) FROM update_sends WHERE recipient_hash = @hash AND day = @day;";

    private const string InsertUpdateSend = """
        INSERT INTO update_sends (update_reference, item_reference, queue, touch_point, recipient_hash, day, reserved_at)
        VALUES (@reference, @item, @queue, @touchPoint, @hash, @day, @now);
        """;

    private const string UpdateSendSent = "UPDATE update_sends SET sent_at = @now WHERE update_reference = @reference AND sent_at IS NULL;";

    private const string InsertOptOut = """
        INSERT INTO update_opt_outs (kind, value, opted_out_at) VALUES (@kind, @value, @now) ON CONFLICT (kind, value) DO NOTHING;
        """;

    private const string ListUpdateSends = """
        SELECT item_reference AS ItemReference, queue AS Queue, touch_point AS TouchPoint, day AS Day, sent_at AS SentAt
        FROM update_sends WHERE reserved_at >= @since ORDER BY reserved_at;
        """;

    private const string InsertExpectedDateRevision = """
        INSERT INTO expected_date_revisions (item_reference, expected_by, revised_at) VALUES (@item, @expectedBy, @now)
        ON CONFLICT (item_reference, expected_by) DO NOTHING;
        """;

    private const string SelectLatestExpectedDates = """
        SELECT item_reference AS ItemReference, expected_by AS ExpectedBy FROM expected_date_revisions
        WHERE item_reference = ANY(@references);
        """;

    private const string SelectLatestExpectedDate = "SELECT expected_by FROM expected_date_revisions WHERE item_reference = @reference ORDER BY expected_by DESC LIMIT 1;";

    /// <inheritdoc />
    public Task<UpdateReservation> ReserveUpdateAsync(UpdateSend send, int dailyCap, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        ArgumentOutOfRangeException.ThrowIfLessThan(dailyCap, 1);
        var day = send.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return WriteAsync(
            async session =>
            {
                await session.ExecuteAsync(LockRecipientKey, new { hash = send.RecipientHash });
                if (await session.ScalarAsync<bool>(SelectOptedOut, new { hash = send.RecipientHash, item = send.ItemReference }))
                {
                    return UpdateReservation.OptedOut;
                }

                if (await session.ScalarAsync<bool>(SelectUpdateReserved, new { reference = send.UpdateReference }))
                {
                    return UpdateReservation.Reserved;
                }

                if (await session.ScalarAsync<long>(CountUpdatesOnDay, new { hash = send.RecipientHash, day }) >= dailyCap)
                {
                    return UpdateReservation.Capped;
                }

                await session.ExecuteAsync(
                    InsertUpdateSend,
                    new
                    {
                        reference = send.UpdateReference, item = send.ItemReference, queue = send.Queue,
                        touchPoint = send.TouchPoint.ToString(), hash = send.RecipientHash, day, now = session.Now,
                    });
                return UpdateReservation.Reserved;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task MarkUpdateSentAsync(string updateReference, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(updateReference);
        return WriteAsync(
            session => session.ExecuteAsync(UpdateSendSent, new { reference = updateReference, now = session.Now }),
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
            async session =>
            {
                var added = 0;
                if (optOut.RecipientHash is { } hash)
                {
                    added += await session.ExecuteAsync(InsertOptOut, new { kind = "address", value = hash, now = session.Now });
                }

                if (optOut.ItemReference is { } item)
                {
                    added += await session.ExecuteAsync(InsertOptOut, new { kind = "item", value = item, now = session.Now });
                }

                if (added > 0)
                {
                    await InsertSecurityEventAsync(
                        session, new SecurityEvent(actor, AuditActions.UpdatesOptedOut, optOut.AuditTarget, "no further updates"));
                }

                return added > 0;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<UpdateRecord>> ListUpdatesAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<UpdateRecord>>(
            async session => (await session.QueryAsync<UpdateRow>(ListUpdateSends, new { since = since.ToUnixTimeMilliseconds() }))
                .Select(row => row.ToRecord())
                .ToList(),
            cancellationToken);

    /// <inheritdoc />
    public Task ReviseExpectedDateAsync(string itemReference, DateOnly expectedBy, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(itemReference);
        var date = expectedBy.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return WriteAsync(
            session => session.ExecuteAsync(InsertExpectedDateRevision, new { item = itemReference, expectedBy = date, now = session.Now }),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, DateOnly>> FindRevisedExpectedDatesAsync(
        IReadOnlyCollection<string> itemReferences, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(itemReferences);
        var references = itemReferences.ToArray();
        return ReadAsync<IReadOnlyDictionary<string, DateOnly>>(
            async session => (await session.QueryAsync<ExpectedDateRow>(SelectLatestExpectedDates, new { references }))
                .GroupBy(row => row.ItemReference, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Max(row => ParseDay(row.ExpectedBy)), StringComparer.Ordinal),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<DateOnly?> GetRevisedExpectedDateAsync(string itemReference, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(itemReference);
        return ReadAsync(
            async session => await session.ScalarAsync<string?>(SelectLatestExpectedDate, new { reference = itemReference }) is { } day
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
