using Microsoft.Extensions.Options;

namespace AutomationFleet.Matching.Index;

/// <summary>
/// Checks the <c>CaseRecords</c> settings, reporting every bad one by its configuration path: the extract and the
/// column mapping (when given) must exist, the index folder must be named, and the refresh interval must be usable.
/// </summary>
public sealed class CaseRecordsOptionsValidator : IValidateOptions<CaseRecordsOptions>
{
    /// <summary>The longest <see cref="CaseRecordsOptions.RefreshInterval"/> accepted.</summary>
    public static readonly TimeSpan MaxRefreshInterval = TimeSpan.FromDays(30);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, CaseRecordsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string Prefix = CaseRecordsOptions.SectionName;
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            failures.Add($"{Prefix}:Path is empty; give the case-record extract (CSV) the person index is built from.");
        }
        else if (!File.Exists(options.Path))
        {
            failures.Add($"{Prefix}:Path is '{options.Path}', which does not exist (relative paths are from {Directory.GetCurrentDirectory()}); give the case-record extract (CSV).");
        }

        if (options.ColumnMapPath is { } map)
        {
            if (string.IsNullOrWhiteSpace(map))
            {
                failures.Add($"{Prefix}:ColumnMapPath is blank; leave it out for an extract with the standard columns, or give the column mapping (JSON).");
            }
            else if (!File.Exists(map))
            {
                failures.Add($"{Prefix}:ColumnMapPath is '{map}', which does not exist (relative paths are from {Directory.GetCurrentDirectory()}); leave it out for an extract with the standard columns.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.IndexPath))
        {
            failures.Add($"{Prefix}:IndexPath is empty; give the folder the built index is kept in, e.g. var/person-index.");
        }

        if (options.RefreshInterval <= TimeSpan.Zero || options.RefreshInterval > MaxRefreshInterval)
        {
            failures.Add($"{Prefix}:RefreshInterval is {options.RefreshInterval}; it must be more than 0 and at most {MaxRefreshInterval}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
