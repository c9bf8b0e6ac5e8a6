using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Core.Retention;

/// <summary>Checks the <c>Retention</c> section and reports every bad setting at once, by its configuration path.</summary>
public sealed partial class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string section = RetentionOptions.SectionName;
        var failures = new List<string>();
        if (options.MaxItemsPerRun is < 1 or > 100_000)
        {
            failures.Add($"{section}:MaxItemsPerRun is {options.MaxItemsPerRun}; it must be from 1 to 100000.");
        }

        if (options.AuditTrailKeptFor < RetentionRules.MinimumAuditTrailAge)
        {
            failures.Add($"{section}:AuditTrailKeptFor is {options.AuditTrailKeptFor}; it must be at least {RetentionRules.MinimumAuditTrailAge.TotalDays:0} days (e.g. \"2192.00:00:00\" for six years).");
        }

        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var queues = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < options.Policies.Count; i++)
        {
            var path = $"{section}:Policies:{i}";
            var policy = options.Policies[i];
            if (string.IsNullOrWhiteSpace(policy.Name))
            {
                failures.Add($"{path}:Name is empty; every policy needs a unique name.");
            }
            else if (!NamePattern().IsMatch(policy.Name))
            {
                failures.Add($"{path}:Name '{policy.Name}' may hold only letters, digits, '-', '_' and '.'.");
            }
            else if (string.Equals(policy.Name, RetentionRules.AuditTrailPolicy, StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"{path}:Name '{policy.Name}' is the name the audit trail's purge is audited under; choose another.");
            }
            else if (!names.TryAdd(policy.Name, i))
            {
                failures.Add($"{path}:Name '{policy.Name}' is already used by {section}:Policies:{names[policy.Name]}.");
            }

            if (policy.RedactAfter < TimeSpan.FromDays(1))
            {
                failures.Add($"{path}:RedactAfter is {policy.RedactAfter}; it must be at least one day (e.g. \"90.00:00:00\").");
            }

            if (policy.Queues.Count == 0)
            {
                failures.Add($"{path}:Queues is empty; name the queues the policy covers.");
            }

            for (var q = 0; q < policy.Queues.Count; q++)
            {
                var queue = policy.Queues[q];
                if (string.IsNullOrWhiteSpace(queue))
                {
                    failures.Add($"{path}:Queues:{q} is empty.");
                }
                else if (!queues.TryAdd(queue, i))
                {
                    failures.Add($"{path}:Queues:{q} '{queue}' is already covered by {section}:Policies:{queues[queue]}; a queue has one policy.");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex NamePattern();
}
