using Microsoft.Extensions.Options;
using Npgsql;

namespace AutomationFleet.Storage.Postgres;

/// <summary>Checks the PostgreSQL store's settings, reporting every bad one by its configuration path (never its value: it holds a password).</summary>
public sealed class PostgresStoreOptionsValidator : IValidateOptions<PostgresStoreOptions>
{
    private const string Prefix = PostgresStoreOptions.SectionName + ":";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PostgresStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var store = Check(failures, nameof(PostgresStoreOptions.ConnectionString), options.ConnectionString, required: true);
        var migration = Check(failures, nameof(PostgresStoreOptions.MigrationConnectionString), options.MigrationConnectionString, required: false);
        if (store?.Database is { Length: > 0 } database && migration?.Database is { Length: > 0 } migrationDatabase
            && !string.Equals(database, migrationDatabase, StringComparison.Ordinal))
        {
            failures.Add($"{Prefix}MigrationConnectionString names another database than {Prefix}ConnectionString; both must name the fleet's database.");
        }

        if (string.IsNullOrWhiteSpace(options.BlobDirectory))
        {
            failures.Add($"{Prefix}BlobDirectory is empty; give the blob folder every machine shares, e.g. /srv/fleet/blobs.");
        }
        else if (options.BlobDirectory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add($"{Prefix}BlobDirectory '{options.BlobDirectory}' holds characters a path cannot.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Parses one connection string setting, adding a failure naming it when it is missing or bad.</summary>
    private static NpgsqlConnectionStringBuilder? Check(List<string> failures, string setting, string? value, bool required)
    {
        var path = Prefix + setting;
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                failures.Add($"{path} is empty; set it from the environment, e.g. FLEET_Store__{setting}=\"Host=db;Database=fleet;Username=fleet;Password=…\".");
            }

            return null;
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(value);
        }
        catch (ArgumentException)
        {
            failures.Add($"{path} is not a valid Npgsql connection string (keywords such as Host, Port, Database, Username, Password).");
            return null;
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            failures.Add($"{path} names no Host.");
        }

        if (string.IsNullOrWhiteSpace(builder.Database))
        {
            failures.Add($"{path} names no Database.");
        }

        return builder;
    }
}
