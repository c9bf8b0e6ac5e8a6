using Microsoft.Extensions.Options;

namespace AutomationFleet.Worker.Queueing;

/// <summary>Reports every bad setting of one queue at once, as <c>Queues:{queue}:{setting}</c>.</summary>
public sealed class QueueOptionsValidator : IValidateOptions<QueueOptions>
{
    public ValidateOptionsResult Validate(string? name, QueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var prefix = $"{QueueOptions.SectionName}:{name}";
        var failures = new List<string>();
        if (options.Concurrency is < 1 or > 64)
        {
            failures.Add($"{prefix}:Concurrency must be between 1 and 64 (it is {options.Concurrency}).");
        }

        if (options.BatchSize is < 1 or > 1000)
        {
            failures.Add($"{prefix}:BatchSize must be between 1 and 1000 (it is {options.BatchSize}).");
        }

        if (options.PollInterval < TimeSpan.FromMilliseconds(10) || options.PollInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{prefix}:PollInterval must be between 00:00:00.01 and 00:10:00 (it is {options.PollInterval}).");
        }

        if (options.MaxAttempts is < 1 or > 100)
        {
            failures.Add($"{prefix}:MaxAttempts must be between 1 and 100 (it is {options.MaxAttempts}).");
        }

        if (options.BaseDelay <= TimeSpan.Zero)
        {
            failures.Add($"{prefix}:BaseDelay must be positive (it is {options.BaseDelay}).");
        }

        if (options.MaxDelay < options.BaseDelay)
        {
            failures.Add($"{prefix}:MaxDelay ({options.MaxDelay}) must be at least {prefix}:BaseDelay ({options.BaseDelay}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
