using Microsoft.Extensions.Options;

namespace AutomationFleet.Storage.Sqlite;

/// <summary>Checks the store settings, reporting every bad one by its configuration path.</summary>
public sealed class SqliteStoreOptionsValidator : IValidateOptions<SqliteStoreOptions>
{
    private static readonly TimeSpan MaxBusyTimeout = TimeSpan.FromMinutes(10);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string Prefix = SqliteStoreOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            failures.Add($"{Prefix}:Path is empty; give the database file, e.g. var/fleet.db.");
        }
        else if (options.Path.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add($"{Prefix}:Path '{options.Path}' holds characters a path cannot.");
        }

        if (options.BlobDirectory is { } blobs && blobs.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add($"{Prefix}:BlobDirectory '{blobs}' holds characters a path cannot.");
        }

        if (!Enum.IsDefined(options.Synchronous))
        {
            failures.Add($"{Prefix}:Synchronous is {options.Synchronous}; use Normal or Full.");
        }

        if (options.BusyTimeout <= TimeSpan.Zero || options.BusyTimeout > MaxBusyTimeout)
        {
            failures.Add($"{Prefix}:BusyTimeout is {options.BusyTimeout}; it must be more than 0 and at most {MaxBusyTimeout}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
