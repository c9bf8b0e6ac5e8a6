using Dapper;
using Npgsql;

namespace AutomationFleet.Storage.Postgres;

public sealed partial class PostgresFleetStore : IFleetStoreSchema
{
    /// <summary>
    /// Reads how many versioned scripts DbUp's journal (<c>schema_versions</c>) holds, then upgrades as
    /// <see cref="InitializeAsync"/> does, and reports both. The version is the <b>number of schema scripts run</b>
    /// (<see cref="SchemaScripts"/>' count for this build), not a script's name: the scripts are numbered in order, so
    /// the count is the number of the last one. A database newer than the build is refused before anything runs.
    /// </summary>
    public async Task<SchemaMigration> MigrateAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        long? before;
        await using (var connection = new NpgsqlConnection(_migrationConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            var journal = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT to_regclass('public.schema_versions') IS NOT NULL;", cancellationToken: cancellationToken));
            before = journal
                ? await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT count(*) FROM schema_versions;", cancellationToken: cancellationToken))
                : null;
        }

        await InitializeAsync(cancellationToken);
        return new SchemaMigration(FleetStoreOptions.Postgres, Location, before, SchemaScripts.Count);
    }

    /// <summary>Where the tables are, as <c>host:port/database</c> (never the user or password).</summary>
    private string Location
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(_migrationConnectionString);
            return $"{builder.Host}:{builder.Port}/{builder.Database}";
        }
    }
}
