using AutomationFleet.Core.Metrics;

namespace AutomationFleet.Storage.Postgres;

/// <content>Read-only fleet figures (<see cref="IFleetMetrics"/>), each one statement.</content>
public sealed partial class PostgresFleetStore : IFleetMetrics
{
    private const long HourMilliseconds = 3_600_000;

    /// <inheritdoc />
    public Task<IReadOnlyList<HourlyCount>> GetCompletedPerHourAsync(TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        return ReadAsync<IReadOnlyList<HourlyCount>>(
            async session =>
            {
                var now = session.Now;
                var since = now - Milliseconds(window);
                var counts = (await session.QueryAsync<(long Hour, long Count)>(PostgresStatements.CompletedPerHour, new { since }))
                    .ToDictionary(row => row.Hour, row => (int)row.Count);
                var hours = new List<HourlyCount>();
                for (var hour = since / HourMilliseconds; hour <= now / HourMilliseconds; hour++)
                {
                    hours.Add(new HourlyCount(DateTimeOffset.FromUnixTimeMilliseconds(hour * HourMilliseconds), counts.GetValueOrDefault(hour)));
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
            async session => (await session.QueryAsync<(string Bot, string? Category, long Automatic, long Reviewed)>(
                    PostgresStatements.StraightThrough, new { since = session.Now - Milliseconds(window) }))
                .Select(row => new StraightThroughRate(row.Bot, row.Category, (int)row.Automatic, (int)row.Reviewed))
                .ToList(),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<ReviewBacklog> GetReviewBacklogAsync(TimeSpan dueSoon, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dueSoon, TimeSpan.Zero);
        return ReadAsync(
            async session => (await session.SingleOrDefaultAsync<PostgresRows.ReviewBacklogRow>(
                PostgresStatements.ReviewBacklog, new { now = session.Now, soon = session.Now + Milliseconds(dueSoon) }))!.ToBacklog(),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReviewedCategory>> GetReviewedCategoriesAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<ReviewedCategory>>(
            async session => (await session.QueryAsync<(string Bot, string? Category, long Approved, long Corrected)>(PostgresStatements.ReviewedCategories))
                .Select(row => new ReviewedCategory(row.Bot, row.Category, (int)row.Approved, (int)row.Corrected))
                .ToList(),
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ConfidenceSample>> GetReviewedSamplesAsync(string bot, string? category, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bot);
        return ReadAsync<IReadOnlyList<ConfidenceSample>>(
            async session => (await session.QueryAsync<(double Confidence, bool Corrected)>(PostgresStatements.ReviewedSamples, new { bot, category }))
                .Select(row => new ConfidenceSample(row.Confidence, Agreed: !row.Corrected))
                .ToList(),
            cancellationToken);
    }
}
