using Microsoft.Extensions.Options;

namespace AutomationFleet.Worker.Hosting;

/// <summary>Reports every bad <c>Worker</c> setting at once, by its configuration path.</summary>
public sealed class WorkerOptionsValidator : IValidateOptions<WorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string Prefix = WorkerOptions.SectionName;
        var failures = new List<string>();
        if (options.WorkerId is { } id && (string.IsNullOrWhiteSpace(id) || id.Length > 200))
        {
            failures.Add($"{Prefix}:WorkerId must be left out or be 1 to 200 characters.");
        }

        if (options.LeaseDuration < TimeSpan.FromSeconds(1) || options.LeaseDuration > TimeSpan.FromHours(1))
        {
            failures.Add($"{Prefix}:LeaseDuration is {options.LeaseDuration}; it must be between 00:00:01 and 01:00:00.");
        }

        if (options.HeartbeatInterval < TimeSpan.FromMilliseconds(100))
        {
            failures.Add($"{Prefix}:HeartbeatInterval is {options.HeartbeatInterval}; it must be at least 00:00:00.1.");
        }

        if (options.StaleAfter <= options.HeartbeatInterval)
        {
            failures.Add($"{Prefix}:StaleAfter ({options.StaleAfter}) must be longer than {Prefix}:HeartbeatInterval ({options.HeartbeatInterval}).");
        }

        if (options.ShutdownTimeout < TimeSpan.Zero || options.ShutdownTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{Prefix}:ShutdownTimeout is {options.ShutdownTimeout}; it must be between 00:00:00 and 00:10:00.");
        }

        if (string.IsNullOrWhiteSpace(options.LogDirectory))
        {
            failures.Add($"{Prefix}:LogDirectory must not be empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
