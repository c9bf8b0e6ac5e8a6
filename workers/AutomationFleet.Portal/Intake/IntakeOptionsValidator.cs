using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Portal.Intake;

/// <summary>Reports every bad intake setting at once, by its path.</summary>
public sealed partial class IntakeOptionsValidator : IValidateOptions<IntakeOptions>
{
    public ValidateOptionsResult Validate(string? name, IntakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxBodyBytes is < 1024 or > 10 * 1024 * 1024)
        {
            failures.Add($"{IntakeOptions.SectionName}:MaxBodyBytes must be between 1024 and 10485760 (was {options.MaxBodyBytes}).");
        }

        for (var i = 0; i < options.Sources.Count; i++)
        {
            var source = options.Sources[i];
            var path = $"{IntakeOptions.SectionName}:Sources:{i}";
            if (!SourceName().IsMatch(source.Name))
            {
                failures.Add($"{path}:Name must be lower-case letters, digits and hyphens (was '{source.Name}').");
            }

            if (string.IsNullOrWhiteSpace(source.Queue))
            {
                failures.Add($"{path}:Queue is required.");
            }

            if (!KeyHash().IsMatch(source.KeyHash))
            {
                failures.Add($"{path}:KeyHash must be 'sha256:' and 64 lower-case hex digits (make one with 'fleet intake new-key').");
            }
        }

        foreach (var duplicate in options.Sources.GroupBy(s => s.Name).Where(g => g.Count() > 1))
        {
            failures.Add($"{IntakeOptions.SectionName}:Sources names '{duplicate.Key}' more than once.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex SourceName();

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex KeyHash();
}
