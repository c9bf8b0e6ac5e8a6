using Microsoft.Extensions.Logging;
using Quartz;

namespace AutomationFleet.Worker.Scheduling;

/// <summary>
/// Makes the store's schedules match configuration: adds new ones, replaces changed ones, deletes removed
/// or disabled ones, and leaves unchanged ones alone (so their missed fire times are still recovered).
/// A trigger an administrator paused stays paused when it is replaced.
/// </summary>
public sealed class ScheduleApplier(ILogger<ScheduleApplier> logger)
{
    public async Task ApplyAsync(IScheduler scheduler, SchedulingOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(options);
        var timeZone = options.ResolveTimeZone();

        var calendar = new EnglandAndWalesWorkingDayCalendar(timeZone, options.ParseExtraBankHolidays());
        // Asking Quartz for a calendar it does not hold logs a warning on every first start, so look at the names first.
        var calendarNames = await scheduler.GetCalendarNames(cancellationToken);
        var storedCalendar = calendarNames.Contains(SchedulingOptions.WorkingDayCalendarName)
            ? await scheduler.GetCalendar(SchedulingOptions.WorkingDayCalendarName, cancellationToken)
            : null;
        if (!calendar.Equals(storedCalendar))
        {
            await scheduler.AddCalendar(
                SchedulingOptions.WorkingDayCalendarName, calendar, AddCalendarOptions.ReplacingAndUpdatingTriggers, cancellationToken);
        }

        var wanted = options.Schedules.Where(s => s.Enabled).ToDictionary(s => s.Name, StringComparer.Ordinal);
        foreach (var schedule in wanted.Values)
        {
            await ApplyOneAsync(scheduler, schedule, timeZone, cancellationToken);
        }

        var stored = await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(FleetQuartz.ScheduleGroup), cancellationToken);
        foreach (var key in stored)
        {
            if (!wanted.ContainsKey(key.Name))
            {
                await scheduler.DeleteJob(key, cancellationToken);
                logger.LogInformation("Schedule {Schedule} removed: no longer enabled in configuration", key.Name);
            }
        }
    }

    internal static JobKey JobKeyFor(string schedule) => new(schedule, FleetQuartz.ScheduleGroup);

    internal static TriggerKey TriggerKeyFor(string schedule) => new(schedule, FleetQuartz.ScheduleGroup);

    private async Task ApplyOneAsync(IScheduler scheduler, ScheduleOptions schedule, TimeZoneInfo timeZone, CancellationToken cancellationToken)
    {
        var work = ScheduledWork.From(schedule);
        var job = JobBuilder.Create<EnqueueScheduledWorkJob>()
            .WithIdentity(JobKeyFor(schedule.Name))
            .WithDescription($"Enqueue to {schedule.Queue}")
            .UsingJobData(work.ToJobData())
            .RequestRecovery(true)
            .Build();
        var misfire = string.Equals(schedule.Misfire, MisfirePolicies.DoNothing, StringComparison.OrdinalIgnoreCase)
            ? CronTriggerMisfireInstruction.DoNothing
            : CronTriggerMisfireInstruction.FireAndProceed;
        var triggerBuilder = TriggerBuilder.Create()
            .WithIdentity(TriggerKeyFor(schedule.Name))
            .ForJob(job)
            .WithDescription(schedule.Cron)
            .WithSchedule(CronScheduleBuilder.Create(schedule.Cron).InTimeZone(timeZone).WithMisfireInstruction(misfire));
        if (schedule.WorkingDaysOnly)
        {
            triggerBuilder = triggerBuilder.WithCalendarName(SchedulingOptions.WorkingDayCalendarName);
        }

        var trigger = (ICronTrigger)triggerBuilder.Build();

        var storedTrigger = await scheduler.GetTrigger(trigger.Key, cancellationToken) as ICronTrigger;
        var storedJob = await scheduler.GetJobDetail(job.Key, cancellationToken);
        if (storedTrigger is not null && storedJob is not null && IsSame(storedTrigger, trigger) && work == ScheduledWork.From(storedJob))
        {
            return;
        }

        var paused = storedTrigger is not null
            && await scheduler.GetTriggerState(trigger.Key, cancellationToken) == TriggerState.Paused;
        await scheduler.ScheduleJob(job, trigger, new ScheduleJobOptions { Replace = true, Paused = paused }, cancellationToken);
        logger.LogInformation(
            "Schedule {Schedule} {Change}: {Cron} to {Queue}{PausedNote}",
            schedule.Name, storedTrigger is null ? "added" : "updated", schedule.Cron, schedule.Queue, paused ? " (kept paused)" : "");
    }

    private static bool IsSame(ICronTrigger stored, ICronTrigger wanted) =>
        stored.CronExpressionString == wanted.CronExpressionString
        && stored.TimeZone.Id == wanted.TimeZone.Id
        && stored.MisfireInstruction == wanted.MisfireInstruction
        && stored.CalendarName == wanted.CalendarName;
}
