namespace AutomationFleet.Core.Updates;

/// <summary>
/// The dashboard's two measures of proactive updates over a window: updates sent per day, and the share of finished
/// items whose sender got every configured update. An item counts once it has reached its last touch point (a
/// <see cref="TouchPoint.Done"/> update reserved, or <see cref="TouchPoint.PassedToService"/> where its queue sends no
/// Done); it got every update when each touch point configured for the queues it went through (bar
/// <see cref="TouchPoint.TimescaleAtRisk"/>, which only some items reach) was sent. An update refused by the cap or an
/// opt-out is not sent, so it counts against the share; items with no address for their sender are not counted at all.
/// </summary>
/// <param name="SentPerDay">Updates sent per day, oldest first, days with none included.</param>
/// <param name="FinishedItems">Items that reached their last touch point in the window.</param>
/// <param name="ItemsWithEveryUpdate">Of those, the items whose sender got every configured update.</param>
public sealed record UpdateMeasures(IReadOnlyList<(DateOnly Day, int Sent)> SentPerDay, int FinishedItems, int ItemsWithEveryUpdate)
{
    /// <summary>The share, or null with no finished item.</summary>
    public double? EveryUpdateShare => FinishedItems == 0 ? null : (double)ItemsWithEveryUpdate / FinishedItems;

    /// <summary>Computes the measures from the store's records of the last <paramref name="days"/> days up to <paramref name="today"/>.</summary>
    public static UpdateMeasures From(IReadOnlyList<UpdateRecord> records, UpdatesOptions options, DateOnly today, int days)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(options);
        var sent = records.Where(r => r.Sent).GroupBy(r => r.Day).ToDictionary(g => g.Key, g => g.Count());
        var perDay = Enumerable.Range(0, days).Select(n => today.AddDays(n - days + 1)).Select(d => (d, sent.GetValueOrDefault(d))).ToList();
        var finished = 0;
        var complete = 0;
        foreach (var item in records.GroupBy(r => r.ItemReference))
        {
            var configured = item.Select(r => r.Queue).Distinct(StringComparer.OrdinalIgnoreCase)
                .SelectMany(q => options.Queues.TryGetValue(q, out var c) ? c.TouchPoints : [])
                .Where(t => t != TouchPoint.TimescaleAtRisk)
                .ToHashSet();
            var isLast = item.Any(r => r.TouchPoint == TouchPoint.Done)
                || (!configured.Contains(TouchPoint.Done) && item.Any(r => r.TouchPoint == TouchPoint.PassedToService));
            if (!isLast)
            {
                continue;
            }

            finished++;
            if (configured.All(t => item.Any(r => r.TouchPoint == t && r.Sent)))
            {
                complete++;
            }
        }

        return new UpdateMeasures(perDay, finished, complete);
    }
}
