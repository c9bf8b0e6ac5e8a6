using Microsoft.Extensions.Options;
using Quartz;

namespace AutomationFleet.Worker.Scheduling;

/// <summary>
/// What an administrator does to schedules: list, pause, resume, fire now. Works in the full host (on
/// its running scheduler) and in a short-lived CLI process (see <see cref="OpenAsync"/>), where the
/// scheduler is built over the same database but never started, so nothing fires in the CLI process:
/// pauses and manual fires are written to the store and the running host acts on them.
/// </summary>
public sealed class ScheduleAdmin : IAsyncDisposable
{
    private readonly Func<CancellationToken, ValueTask<IScheduler>> _scheduler;
    private readonly SchedulingOptions _options;
    private readonly IAsyncDisposable? _owned;

    /// <summary>For the host's container: uses the container's scheduler.</summary>
    public ScheduleAdmin(ISchedulerFactory schedulerFactory, IOptions<SchedulingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(schedulerFactory);
        ArgumentNullException.ThrowIfNull(options);
        _scheduler = schedulerFactory.GetScheduler;
        _options = options.Value;
    }

    private ScheduleAdmin(IScheduler scheduler, SchedulingOptions options, IAsyncDisposable owned)
    {
        _scheduler = _ => ValueTask.FromResult(scheduler);
        _options = options;
        _owned = owned;
    }

    /// <summary>
    /// For a CLI process: builds a scheduler over the fleet database without starting it (so, on PostgreSQL, it never
    /// joins the cluster). Dispose the result to release it. On SQLite the schema is created if missing; on PostgreSQL
    /// the fleet's schema upgrade has created it.
    /// </summary>
    public static async Task<ScheduleAdmin> OpenAsync(SchedulerDatabase database, SchedulingOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrWhiteSpace(database.ConnectionString);
        ArgumentNullException.ThrowIfNull(options);
        var factory = QuartzSchedulerBuilder
            .Create(quartz => FleetQuartz.Configure(quartz, options, database))
            .Build();
        try
        {
            var scheduler = await factory.GetScheduler(cancellationToken);
            return new ScheduleAdmin(scheduler, options, factory);
        }
        catch
        {
            await factory.DisposeAsync();
            throw;
        }
    }

    /// <summary>Every schedule in the store, plus those disabled in configuration, by name.</summary>
    public async Task<IReadOnlyList<ScheduleInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var scheduler = await _scheduler(cancellationToken);
        var result = new List<ScheduleInfo>();
        var keys = await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(FleetQuartz.ScheduleGroup), cancellationToken);
        foreach (var key in keys)
        {
            if (await scheduler.GetTrigger(key, cancellationToken) is not ICronTrigger trigger)
            {
                continue;
            }

            var job = await scheduler.GetJobDetail(trigger.JobKey, cancellationToken);
            var state = await scheduler.GetTriggerState(key, cancellationToken);
            result.Add(new ScheduleInfo(
                key.Name,
                trigger.CronExpressionString ?? "",
                job is null ? "" : ScheduledWork.From(job).Queue,
                Map(state),
                trigger.NextFireTimeUtc,
                trigger.PreviousFireTimeUtc,
                trigger.CalendarName == SchedulingOptions.WorkingDayCalendarName));
        }

        foreach (var disabled in _options.Schedules.Where(s => !s.Enabled))
        {
            if (result.All(r => r.Name != disabled.Name))
            {
                result.Add(new ScheduleInfo(disabled.Name, disabled.Cron, disabled.Queue, ScheduleState.Disabled, null, null, disabled.WorkingDaysOnly));
            }
        }

        return [.. result.OrderBy(r => r.Name, StringComparer.Ordinal)];
    }

    /// <summary>Pauses a schedule until resumed; the pause survives restarts and config re-application.</summary>
    /// <returns>False if it was already paused.</returns>
    public async Task<bool> PauseAsync(string name, string requestedBy, CancellationToken cancellationToken)
    {
        var (scheduler, key) = await FindAsync(name, cancellationToken);
        return await scheduler.PauseTriggerWith(
            key, new PauseDetails { Reason = "paused by an administrator", RequestedBy = requestedBy }, cancellationToken);
    }

    /// <summary>Resumes a paused schedule. A fire time missed while paused follows the schedule's misfire policy.</summary>
    /// <returns>False if it was not paused.</returns>
    public async Task<bool> ResumeAsync(string name, CancellationToken cancellationToken)
    {
        var (scheduler, key) = await FindAsync(name, cancellationToken);
        return await scheduler.ResumeTrigger(key, cancellationToken);
    }

    /// <summary>
    /// Fires a schedule now (even if paused): a one-off trigger is stored and the running host fires it
    /// within a few seconds; the item's reference carries that actual fire time.
    /// </summary>
    public async Task TriggerAsync(string name, CancellationToken cancellationToken)
    {
        var (scheduler, _) = await FindAsync(name, cancellationToken);
        await scheduler.TriggerJob(ScheduleApplier.JobKeyFor(name), null, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_owned is not null)
        {
            await _owned.DisposeAsync();
        }
    }

    private async Task<(IScheduler Scheduler, TriggerKey Key)> FindAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var scheduler = await _scheduler(cancellationToken);
        var key = ScheduleApplier.TriggerKeyFor(name);
        if (!await scheduler.Exists(key, cancellationToken))
        {
            throw new ScheduleNotFoundException(name);
        }

        return (scheduler, key);
    }

    private static ScheduleState Map(TriggerState state) => state switch
    {
        TriggerState.Paused => ScheduleState.Paused,
        TriggerState.Executing => ScheduleState.Executing,
        TriggerState.Error => ScheduleState.Error,
        _ => ScheduleState.Normal,
    };
}
