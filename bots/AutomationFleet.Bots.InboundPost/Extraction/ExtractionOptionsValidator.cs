using System.Globalization;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.InboundPost.Extraction;

/// <summary>Checks every reference pattern, reporting each bad setting by its configuration path.</summary>
public sealed class ExtractionOptionsValidator : IValidateOptions<ExtractionOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ExtractionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.ReferencePatterns.Count; i++)
        {
            var pattern = options.ReferencePatterns[i];
            var path = string.Create(CultureInfo.InvariantCulture, $"{ExtractionOptions.SectionName}:ReferencePatterns:{i}");
            if (string.IsNullOrWhiteSpace(pattern.Name))
            {
                failures.Add($"{path}:Name is required.");
            }
            else if (FieldKinds.All.Contains(pattern.Name, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{path}:Name '{pattern.Name}' is a built-in kind; choose another name.");
            }
            else if (!seen.Add(pattern.Name))
            {
                failures.Add($"{path}:Name '{pattern.Name}' is used by an earlier pattern.");
            }

            if (string.IsNullOrWhiteSpace(pattern.Pattern))
            {
                failures.Add($"{path}:Pattern is required.");
            }
            else if (ReferenceRecogniser.TryCompile(pattern.Pattern, out _, out var error) is false)
            {
                failures.Add($"{path}:Pattern is not a valid regular expression: {error}");
            }

            if (pattern.Confidence is < 0 or > 1 || double.IsNaN(pattern.Confidence))
            {
                failures.Add($"{path}:Confidence must be between 0 and 1.");
            }
        }

        if (options.DateOfBirthCueWindow < 1)
        {
            failures.Add($"{ExtractionOptions.SectionName}:DateOfBirthCueWindow must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
