using System.Globalization;
using AutomationFleet.Core.Audit;
using Quartz;

namespace AutomationFleet.Worker.Scheduling;

/// <summary>What one schedule enqueues, as carried in its Quartz job's data (strings only, so the store stays readable).</summary>
/// <param name="Schedule">The schedule's name.</param>
/// <param name="Queue">Target queue.</param>
/// <param name="PayloadJson">The item's payload.</param>
/// <param name="Priority">The item's priority.</param>
/// <param name="DueWithin">SLA after the fire time, if any.</param>
public sealed record ScheduledWork(string Schedule, string Queue, string PayloadJson, int Priority, TimeSpan? DueWithin)
{
    private const string QueueKey = "queue";
    private const string PayloadKey = "payload";
    private const string PriorityKey = "priority";
    private const string DueWithinKey = "dueWithin";

    public static ScheduledWork From(ScheduleOptions schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var payload = string.IsNullOrWhiteSpace(schedule.Payload) ? "{}" : schedule.Payload;
        return new ScheduledWork(schedule.Name, schedule.Queue, payload, schedule.Priority, schedule.DueWithin);
    }

    public static ScheduledWork From(IJobDetail job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var data = job.JobDataMap;
        var dueWithin = data.GetString(DueWithinKey);
        return new ScheduledWork(
            job.Key.Name,
            data.GetString(QueueKey) ?? throw new InvalidOperationException($"Scheduled job {job.Key} has no queue."),
            data.GetString(PayloadKey) ?? "{}",
            int.Parse(data.GetString(PriorityKey) ?? "0", CultureInfo.InvariantCulture),
            string.IsNullOrEmpty(dueWithin) ? null : TimeSpan.Parse(dueWithin, CultureInfo.InvariantCulture));
    }

    public JobDataMap ToJobData()
    {
        var map = new JobDataMap
        {
            [QueueKey] = Queue,
            [PayloadKey] = PayloadJson,
            [PriorityKey] = Priority.ToString(CultureInfo.InvariantCulture),
        };
        if (DueWithin is { } due)
        {
            map[DueWithinKey] = due.ToString("c", CultureInfo.InvariantCulture);
        }

        return map;
    }

    /// <summary>The unique reference of the item one fire time creates; a second fire at the same time enqueues nothing.</summary>
    public string ReferenceFor(DateTimeOffset scheduledFireTimeUtc) =>
        string.Create(CultureInfo.InvariantCulture, $"schedule:{Schedule}:{scheduledFireTimeUtc.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}");

    /// <summary>The actor recorded in the audit trail.</summary>
    public string Actor => Actors.Scheduler(Schedule);
}
