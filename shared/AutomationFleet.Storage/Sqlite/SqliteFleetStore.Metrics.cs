using AutomationFleet.Core.Metrics;

namespace AutomationFleet.Storage.Sqlite;

/// <summary>Read-only fleet figures (<see cref="IFleetMetrics"/>), each one statement on a read connection.</summary>
public sealed partial class SqliteFleetStore : IFleetMetrics
{
    private const long HourMilliseconds = 3_600_000;

    /// <inheritdoc />
    public Task<IReadOnlyList<HourlyCount>> GetCompletedPerHourAsync(TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        return ReadAsync<IReadOnlyList<HourlyCount>>(
            (connection, now) =>
            {
                var since = now - Milliseconds(window);
                using var command = ReadCommand(connection, SqliteStatements.CompletedPerHour).Bind("$since", since);
                using var reader = command.ExecuteReader();
                var counts = new Dictionary<long, int>();
                while (reader.Read())
                {
                    counts[reader.GetInt64(0)] = reader.GetInt32(1);
                }

                var hours = new List<HourlyCount>();
                for (var hour = since / HourMilliseconds; hour <= now / HourMilliseconds; hour++)
                {
                    hours.Add(new HourlyCount(
                        DateTimeOffset.FromUnixTimeMilliseconds(hour * HourMilliseconds), counts.GetValueOrDefault(hour)));
                }

                return hours;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StraightThroughRate>> GetStraightThroughAsync(TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        return ReadAsync<IReadOnlyList<StraightThroughRate>>(
            (connection, now) =>
            {
                using var command = ReadCommand(connection, SqliteStatements.StraightThrough).Bind("$since", now - Milliseconds(window));
                using var reader = command.ExecuteReader();
                var rates = new List<StraightThroughRate>();
                while (reader.Read())
                {
                    rates.Add(new StraightThroughRate(reader.GetString(0), reader.GetNullableString(1), reader.GetInt32(2), reader.GetInt32(3)));
                }

                return rates;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<ReviewBacklog> GetReviewBacklogAsync(TimeSpan dueSoon, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dueSoon, TimeSpan.Zero);
        return ReadAsync(
            (connection, now) =>
            {
                using var command = ReadCommand(connection, SqliteStatements.ReviewBacklog)
                    .Bind("$now", now)
                    .Bind("$soon", now + Milliseconds(dueSoon));
                using var reader = command.ExecuteReader();
                reader.Read();
                return new ReviewBacklog(
                    reader.GetInt32(0),
                    reader.GetInt32(1),
                    reader.GetInt32(2),
                    reader.GetInt32(3),
                    reader.GetInt32(4),
                    reader.GetInt32(5),
                    reader.GetInt32(6),
                    reader.GetNullableTime(7));
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReviewedCategory>> GetReviewedCategoriesAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<ReviewedCategory>>(
            (connection, _) =>
            {
                using var command = ReadCommand(connection, SqliteStatements.ReviewedCategories);
                using var reader = command.ExecuteReader();
                var categories = new List<ReviewedCategory>();
                while (reader.Read())
                {
                    categories.Add(new ReviewedCategory(reader.GetString(0), reader.GetNullableString(1), reader.GetInt32(2), reader.GetInt32(3)));
                }

                return categories;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ConfidenceSample>> GetReviewedSamplesAsync(string bot, string? category, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bot);
        return ReadAsync<IReadOnlyList<ConfidenceSample>>(
            (connection, _) =>
            {
                using var command = ReadCommand(connection, SqliteStatements.ReviewedSamples).Bind("$bot", bot).Bind("$category", category);
                using var reader = command.ExecuteReader();
                var samples = new List<ConfidenceSample>();
                while (reader.Read())
                {
                    samples.Add(new ConfidenceSample(reader.GetDouble(0), Agreed: reader.GetInt64(1) == 0));
                }

                return samples;
            },
            cancellationToken);
    }
}
