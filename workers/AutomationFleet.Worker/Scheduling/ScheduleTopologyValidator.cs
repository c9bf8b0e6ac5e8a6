using Microsoft.Extensions.Options;

namespace AutomationFleet.Worker.Scheduling;

/// <summary>
/// A schedule whose queue no bot consumes would fill that queue with items nobody takes (the issue-13 <c>maintenance</c>
/// pile-up), so it stops start-up: every such schedule is reported at once, by its configuration path, naming the queue
/// and the queues that do have a consumer. Disabled schedules never fire and are not checked.
/// </summary>
public sealed class ScheduleTopologyValidator : IValidateOptions<ScheduleTopologyOptions>
{
    public ValidateOptionsResult Validate(string? name, ScheduleTopologyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var consumed = options.ConsumedQueues.Count == 0 ? "none" : string.Join(", ", options.ConsumedQueues.Order(StringComparer.Ordinal));
        var failures = options.Schedules
            .Where(s => !string.IsNullOrWhiteSpace(s.Queue) && !options.ConsumedQueues.Contains(s.Queue))
            .Select(s => $"{s.Path}:Queue: schedule '{s.Name}' puts work on queue '{s.Queue}', which no bot consumes, so its items would pile up; "
                + $"register a bot for that queue, correct the queue, or set {s.Path}:Enabled to false (queues with a bot: {consumed}).")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
