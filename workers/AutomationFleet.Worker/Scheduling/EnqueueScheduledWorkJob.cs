using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.Logging;
using Quartz;

namespace AutomationFleet.Worker.Scheduling;

/// <summary>
/// The only job a schedule runs: it enqueues one work item whose reference is the schedule's name and
/// the fire time, so a double fire (misfire recovery, a second node) enqueues nothing more.
/// The bots do the work, under the queue's leases and retries.
/// </summary>
public sealed class EnqueueScheduledWorkJob(IWorkQueue queue, ILogger<EnqueueScheduledWorkJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var work = ScheduledWork.From(context.JobDetail);
        // A trigger fired by hand has no scheduled time of its own: its reference is the actual fire time.
        var fireTime = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        await EnqueueAsync(work, fireTime, cancellationToken);
    }

    /// <summary>Enqueues the item for one fire time; returns whether it was new.</summary>
    public async Task<EnqueueResult> EnqueueAsync(ScheduledWork work, DateTimeOffset scheduledFireTimeUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var reference = work.ReferenceFor(scheduledFireTimeUtc);
        var dueAt = work.DueWithin is { } due ? scheduledFireTimeUtc + due : (DateTimeOffset?)null;
        var result = await queue.EnqueueAsync(
            new NewWorkItem(work.Queue, reference, work.PayloadJson, Priority: work.Priority, DueAt: dueAt),
            work.Actor,
            cancellationToken);
        if (result.Created)
        {
            logger.LogInformation("Schedule {Schedule} enqueued {Reference} on {Queue}", work.Schedule, reference, work.Queue);
        }
        else
        {
            logger.LogInformation("Schedule {Schedule} fired again for {Reference}; already enqueued, nothing to do", work.Schedule, reference);
        }

        return result;
    }
}
