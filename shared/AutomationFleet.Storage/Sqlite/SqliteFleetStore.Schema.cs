using System.Globalization;
using Microsoft.Data.Sqlite;

namespace AutomationFleet.Storage.Sqlite;

public sealed partial class SqliteFleetStore : IFleetStoreSchema
{
    /// <summary>
    /// Reads the file's schema version (read-only, so a file of a newer build is not touched), then creates or upgrades
    /// it as <see cref="InitializeAsync"/> does, and reports both versions.
    /// </summary>
    public async Task<SchemaMigration> MigrateAsync(CancellationToken cancellationToken)
    {
        long? before = null;
        if (File.Exists(_options.FullPath))
        {
            var builder = new SqliteConnectionStringBuilder(_privateConnectionString) { Mode = SqliteOpenMode.ReadOnly };
            await using var connection = new SqliteConnection(builder.ToString());
            await connection.OpenAsync(cancellationToken);
            var hasVersions = Scalar(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version';") is long count && count > 0;
            if (hasVersions && Scalar(connection, SqliteSchema.SelectVersion) is { } value and not DBNull)
            {
                before = Convert.ToInt64(value, CultureInfo.InvariantCulture);
            }
        }

        await InitializeAsync(cancellationToken);
        return new SchemaMigration("sqlite", _options.FullPath, before, SqliteSchema.CurrentVersion);
    }
}
