using Microsoft.Extensions.Options;

namespace AutomationFleet.Connectors.Mail;

/// <summary>Checks the mail resilience settings against Polly's limits, reporting every bad one by its configuration path.</summary>
public sealed class MailResilienceOptionsValidator : IValidateOptions<MailResilienceOptions>
{
    private static readonly TimeSpan HalfSecond = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan OneDay = TimeSpan.FromDays(1);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, MailResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string Prefix = MailResilienceOptions.SectionName;
        if (options.MaxRetryAttempts is < 0 or > 100)
        {
            failures.Add($"{Prefix}:MaxRetryAttempts is {options.MaxRetryAttempts}; it must be between 0 and 100.");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.RetryBaseDelay > OneDay)
        {
            failures.Add($"{Prefix}:RetryBaseDelay is {options.RetryBaseDelay}; it must be between 0 and {OneDay}.");
        }

        if (options.RetryMaxDelay < options.RetryBaseDelay || options.RetryMaxDelay > OneDay)
        {
            failures.Add($"{Prefix}:RetryMaxDelay is {options.RetryMaxDelay}; it must be at least RetryBaseDelay and at most {OneDay}.");
        }

        if (double.IsNaN(options.FailureRatio) || options.FailureRatio is <= 0 or > 1)
        {
            failures.Add($"{Prefix}:FailureRatio is {options.FailureRatio}; it must be more than 0 and at most 1.");
        }

        if (options.MinimumThroughput < 2)
        {
            failures.Add($"{Prefix}:MinimumThroughput is {options.MinimumThroughput}; it must be at least 2.");
        }

        if (options.SamplingDuration < HalfSecond || options.SamplingDuration > OneDay)
        {
            failures.Add($"{Prefix}:SamplingDuration is {options.SamplingDuration}; it must be between {HalfSecond} and {OneDay}.");
        }

        if (options.BreakDuration < HalfSecond || options.BreakDuration > OneDay)
        {
            failures.Add($"{Prefix}:BreakDuration is {options.BreakDuration}; it must be between {HalfSecond} and {OneDay}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
