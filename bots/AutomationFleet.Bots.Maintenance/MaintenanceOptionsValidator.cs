using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.Maintenance;

/// <summary>Checks the <c>Maintenance</c> section's cross-field rules, every failure named by its setting.</summary>
public sealed class MaintenanceOptionsValidator : IValidateOptions<MaintenanceOptions>
{
    public ValidateOptionsResult Validate(string? name, MaintenanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string section = MaintenanceOptions.SectionName;
        var failures = new List<string>();
        if (options.SlaLeadTime <= TimeSpan.Zero)
        {
            failures.Add($"{section}:SlaLeadTime is {options.SlaLeadTime}; it must be positive (e.g. \"04:00:00\").");
        }

        if (options.DigestWindow <= TimeSpan.Zero)
        {
            failures.Add($"{section}:DigestWindow is {options.DigestWindow}; it must be positive (e.g. \"1.00:00:00\").");
        }

        if (options.DigestMailDomain.Contains('@', StringComparison.Ordinal) || options.DigestMailDomain.Any(char.IsWhiteSpace))
        {
            failures.Add($"{section}:DigestMailDomain '{options.DigestMailDomain}' must be a bare domain such as council.example (no '@', no spaces).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
