using Microsoft.Extensions.Options;
using Npgsql;

namespace AutomationFleet.Storage.Postgres;

/// <summary>Checks the PostgreSQL store's settings, reporting every bad one by its configuration path (never its value: it holds a password).</summary>
public sealed class PostgresStoreOptionsValidator : IValidateOptions<PostgresStoreOptions>
{
    private const string Setting = PostgresStoreOptions.SectionName + ":ConnectionString";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PostgresStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{Setting} is empty; set it from the environment, e.g. FLEET_Store__ConnectionString=\"Host=db;Database=fleet;Username=fleet;Password=…\".");
        }
        else
        {
            NpgsqlConnectionStringBuilder? builder = null;
            try
            {
                builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            }
            catch (ArgumentException)
            {
                failures.Add($"{Setting} is not a valid Npgsql connection string (keywords such as Host, Port, Database, Username, Password).");
            }

            if (builder is not null)
            {
                if (string.IsNullOrWhiteSpace(builder.Host))
                {
                    failures.Add($"{Setting} names no Host.");
                }

                if (string.IsNullOrWhiteSpace(builder.Database))
                {
                    failures.Add($"{Setting} names no Database.");
                }
            }
        }

        if (string.IsNullOrWhiteSpace(options.BlobDirectory))
        {
            failures.Add($"{PostgresStoreOptions.SectionName}:BlobDirectory is empty; give the blob folder every machine shares, e.g. /srv/fleet/blobs.");
        }
        else if (options.BlobDirectory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add($"{PostgresStoreOptions.SectionName}:BlobDirectory '{options.BlobDirectory}' holds characters a path cannot.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
