using Microsoft.Extensions.Options;

namespace AutomationFleet.Worker.Queueing;

/// <summary>
/// A configured queue with no bot is a mistake (usually a typo) and stops start-up; so do two bots on
/// one queue or two bots with one name. A bot whose queue is not configured runs with default settings.
/// </summary>
public sealed class QueueTopologyValidator : IValidateOptions<QueueTopologyOptions>
{
    public ValidateOptionsResult Validate(string? name, QueueTopologyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var botQueues = options.Bots.Select(b => b.Queue).ToHashSet(StringComparer.Ordinal);
        var known = botQueues.Count == 0 ? "none" : string.Join(", ", botQueues.Order(StringComparer.Ordinal));
        foreach (var queue in options.ConfiguredQueues.Order(StringComparer.Ordinal))
        {
            if (!botQueues.Contains(queue))
            {
                failures.Add($"{QueueOptions.SectionName}:{queue} is configured but no bot consumes queue '{queue}' (bots' queues: {known}).");
            }
        }

        foreach (var group in options.Bots.GroupBy(b => b.Queue, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            failures.Add($"Queue '{group.Key}' is consumed by more than one bot ({string.Join(", ", group.Select(b => b.Bot))}); one bot per queue.");
        }

        foreach (var group in options.Bots.GroupBy(b => b.Bot, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            failures.Add($"Bot name '{group.Key}' is registered more than once.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
