using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Metrics;
using AutomationFleet.Core.PublicStatus;
using AutomationFleet.Core.Updates;
using AutomationFleet.Core.Workers;
using AutomationFleet.Portal.Charts;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Portal.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Portal.Pages;

/// <summary>The fleet dashboard: paused bots, depth, throughput, straight-through rates, review backlog, workers. Supervisors and administrators.</summary>
[Authorize(Policy = PortalPolicies.Supervisor)]
public sealed class DashboardModel(IWorkQueue queue, IFleetMetrics metrics, IWorkerRegistry workers, TimeProvider time, IServiceProvider services) : PageModel
{
    private readonly IBotPauseStore? _pauses = services.GetService<IBotPauseStore>();
    private readonly IPublicStatusStore? _lookups = services.GetService<IPublicStatusStore>();

    /// <summary>
    /// Public status-page look-ups (the proxy for repeat contact: fewer calls asking "where is my case"); null when the
    /// host hands over no status store.
    /// </summary>
    public StatusLookupCounts? LookUps { get; private set; }

    private readonly IUpdateStore? _updates = services.GetService<IUpdateStore>();

    /// <summary>The window of the updates measures, in days.</summary>
    public const int UpdateDays = 7;

    /// <summary>Proactive updates over the last <see cref="UpdateDays"/> days; null while updates are off.</summary>
    public UpdateMeasures? Updates { get; private set; }

    /// <summary>Bots paused fleet-wide (empty when the host hands over no pause store).</summary>
    public IReadOnlyList<BotPause> Paused { get; private set; } = [];

    /// <summary>A worker not seen for this long counts as dead (the worker's default <c>Worker:StaleAfter</c>).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(30);

    public static readonly WorkItemState[] States = Enum.GetValues<WorkItemState>();

    public IReadOnlyList<QueueDepth> Depth { get; private set; } = [];

    public IReadOnlyList<string> Queues { get; private set; } = [];

    public IReadOnlyList<HourlyCount> PerHour { get; private set; } = [];

    public IReadOnlyList<StraightThroughRate> Day { get; private set; } = [];

    public IReadOnlyList<StraightThroughRate> Week { get; private set; } = [];

    /// <summary>The fleet's straight-through figures per day, oldest first, for the chart.</summary>
    public IReadOnlyList<DailyStraightThrough> Daily { get; private set; } = [];

    public ReviewBacklog Backlog { get; private set; } = new(0, 0, 0, 0, 0, 0, 0, null);

    public IReadOnlyList<WorkerStatus> Workers { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow();
        Depth = await queue.GetDepthAsync(cancellationToken);
        Queues = Depth.Select(d => d.Queue).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        PerHour = await metrics.GetCompletedPerHourAsync(TimeSpan.FromHours(24), cancellationToken);
        // Windows of 1..7 days: the first and last are the table's; the differences are the chart's days.
        var windows = new List<IReadOnlyList<StraightThroughRate>>();
        for (var days = 1; days <= DailyStraightThrough.Days; days++)
        {
            windows.Add(await metrics.GetStraightThroughAsync(TimeSpan.FromDays(days), cancellationToken));
        }

        Day = windows[0];
        Week = windows[^1];
        Daily = DailyStraightThrough.FromWindows(windows);
        Backlog = await metrics.GetReviewBacklogAsync(FleetMeter.DueSoon, cancellationToken);
        Workers = (await workers.ListAsync(StaleAfter, cancellationToken)).Where(w => w.StoppedAt is null).ToList();
        Paused = _pauses is null ? [] : await _pauses.ListBotPausesAsync(cancellationToken);
        LookUps = _lookups is null ? null : await _lookups.CountStatusLookupsAsync(cancellationToken);
        var updateOptions = services.GetService<IOptions<UpdatesOptions>>()?.Value;
        if (_updates is not null && updateOptions is { Enabled: true })
        {
            var today = DateOnly.FromDateTime(Now.UtcDateTime);
            var since = new DateTimeOffset(today.AddDays(1 - UpdateDays).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            Updates = UpdateMeasures.From(await _updates.ListUpdatesAsync(since, cancellationToken), updateOptions, today, UpdateDays);
        }
    }

    public int Count(string queueName, WorkItemState state) =>
        Depth.FirstOrDefault(d => d.Queue == queueName && d.State == state)?.Count ?? 0;

    public StraightThroughRate? WeekOf(StraightThroughRate day) =>
        Week.FirstOrDefault(w => w.Bot == day.Bot && w.Category == day.Category);

    public static string Percent(double? rate) =>
        rate is { } value ? (value * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " %" : "–";
}
