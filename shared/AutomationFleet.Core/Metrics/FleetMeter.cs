using System.Diagnostics.Metrics;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Core.Metrics;

/// <summary>
/// The fleet's OpenTelemetry instruments on the <see cref="System.Diagnostics.Metrics.Meter"/> named
/// <see cref="MeterName"/>: queue depth and oldest age per queue and state, review backlog by SLA, and items finished
/// (an observable counter: the store's count of items in each final state, which only grows). The instruments report
/// the last snapshot taken by <see cref="RefreshAsync"/>; whoever exports them (the <c>/metrics</c> endpoint) refreshes
/// first, so the store is read only when someone asks.
/// </summary>
public sealed class FleetMeter : IDisposable
{
    /// <summary>The meter's name, for OpenTelemetry's <c>AddMeter</c> or a <see cref="MeterListener"/>.</summary>
    public const string MeterName = "AutomationFleet";

    /// <summary>How far ahead an open review task counts as due soon.</summary>
    public static readonly TimeSpan DueSoon = TimeSpan.FromHours(4);

    private static readonly WorkItemState[] WaitingStates =
        [WorkItemState.New, WorkItemState.InProgress, WorkItemState.Retrying, WorkItemState.NeedsReview];

    private static readonly WorkItemState[] FinalStates =
        [WorkItemState.Completed, WorkItemState.BusinessException, WorkItemState.Cancelled];

    private readonly TimeProvider _timeProvider;
    private Snapshot _snapshot = new([], new ReviewBacklog(0, 0, 0, 0, 0, 0, 0, null), DateTimeOffset.MinValue);

    /// <summary>Creates the meter and its instruments.</summary>
    /// <param name="timeProvider">The clock ages are measured against.</param>
    public FleetMeter(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        Meter = new Meter(MeterName);
        Meter.CreateObservableGauge("fleet.queue.depth", ObserveDepth, "{item}", "Items per queue and state.");
        Meter.CreateObservableGauge(
            "fleet.queue.oldest_age", ObserveOldestAge, "s", "Age of the oldest item per queue in each waiting state.");
        Meter.CreateObservableGauge("fleet.review.backlog", ObserveBacklog, "{task}", "Open review tasks by SLA risk.");
        Meter.CreateObservableGauge(
            "fleet.review.oldest_age", ObserveOldestReview, "s", "Age of the oldest open review task.");
        Meter.CreateObservableCounter(
            "fleet.items.finished", ObserveFinished, "{item}", "Items that reached a final state, per queue and state.");
    }

    /// <summary>The meter the instruments belong to.</summary>
    public Meter Meter { get; }

    /// <summary>When the last snapshot was taken; <see cref="DateTimeOffset.MinValue"/> before the first.</summary>
    public DateTimeOffset SnapshotAt => _snapshot.At;

    /// <summary>Reads depth and backlog from the store and makes them what the instruments report.</summary>
    /// <param name="queue">The work queue (depth).</param>
    /// <param name="metrics">The fleet metrics (review backlog).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task RefreshAsync(IWorkQueue queue, IFleetMetrics metrics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(metrics);
        var depth = await queue.GetDepthAsync(cancellationToken);
        var backlog = await metrics.GetReviewBacklogAsync(DueSoon, cancellationToken);
        _snapshot = new Snapshot(depth, backlog, _timeProvider.GetUtcNow());
    }

    /// <inheritdoc />
    public void Dispose() => Meter.Dispose();

    private static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);

    private static string StateName(WorkItemState state) => state.ToString();

    private IEnumerable<Measurement<long>> ObserveDepth() =>
        _snapshot.Depth.Select(d => new Measurement<long>(d.Count, Tag("queue", d.Queue), Tag("state", StateName(d.State))));

    private IEnumerable<Measurement<double>> ObserveOldestAge()
    {
        var snapshot = _snapshot;
        return snapshot.Depth
            .Where(d => WaitingStates.Contains(d.State))
            .Select(d => new Measurement<double>(
                Math.Max(0, (snapshot.At - d.OldestCreatedAt).TotalSeconds), Tag("queue", d.Queue), Tag("state", StateName(d.State))));
    }

    private IEnumerable<Measurement<long>> ObserveBacklog()
    {
        var backlog = _snapshot.Backlog;
        yield return new Measurement<long>(backlog.Overdue, Tag("sla", "overdue"));
        yield return new Measurement<long>(backlog.DueSoon, Tag("sla", "due_soon"));
        yield return new Measurement<long>(backlog.DueLater, Tag("sla", "due_later"));
        yield return new Measurement<long>(backlog.NoDueDate, Tag("sla", "no_due_date"));
    }

    private IEnumerable<Measurement<double>> ObserveOldestReview()
    {
        var snapshot = _snapshot;
        var oldest = snapshot.Backlog.OldestCreatedAt;
        return oldest is null ? [] : [new Measurement<double>(Math.Max(0, (snapshot.At - oldest.Value).TotalSeconds))];
    }

    private IEnumerable<Measurement<long>> ObserveFinished() =>
        _snapshot.Depth
            .Where(d => FinalStates.Contains(d.State))
            .Select(d => new Measurement<long>(d.Count, Tag("queue", d.Queue), Tag("state", StateName(d.State))));

    private sealed record Snapshot(IReadOnlyList<QueueDepth> Depth, ReviewBacklog Backlog, DateTimeOffset At);
}
