using Microsoft.Extensions.Options;

namespace AutomationFleet.Core.Confidence;

/// <summary>Checks every threshold is a probability, reporting each bad setting by its configuration path.</summary>
public sealed class ConfidenceOptionsValidator : IValidateOptions<ConfidenceOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ConfidenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        CheckProbability(failures, $"{ConfidenceOptions.SectionName}:DefaultThreshold", options.DefaultThreshold);
        foreach (var (bot, botOptions) in options.Bots)
        {
            var prefix = $"{ConfidenceOptions.SectionName}:Bots:{bot}";
            if (botOptions.Threshold is { } threshold)
            {
                CheckProbability(failures, $"{prefix}:Threshold", threshold);
            }

            foreach (var (category, value) in botOptions.Categories)
            {
                CheckProbability(failures, $"{prefix}:Categories:{category}", value);
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckProbability(List<string> failures, string path, double value)
    {
        if (double.IsNaN(value) || value is < 0 or > 1)
        {
            failures.Add($"{path} is {value}; a threshold must be between 0 and 1.");
        }
    }
}
