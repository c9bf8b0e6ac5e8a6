namespace AutomationFleet.Storage;

/// <summary>What <c>fleet db migrate</c> did to the fleet's tables.</summary>
/// <param name="Provider">The store: <c>sqlite</c> or <c>postgres</c>.</param>
/// <param name="Location">Where the tables are (a file path, or <c>host:port/database</c>; never a user or password).</param>
/// <param name="Before">The schema version found, or null when there were no fleet tables.</param>
/// <param name="After">
/// The version now: the one this build knows (SQLite: its <c>schema_version</c> number; PostgreSQL: the number of DbUp
/// scripts journalled, which is the number of the last one).
/// </param>
public sealed record SchemaMigration(string Provider, string Location, long? Before, long After)
{
    /// <summary>Whether anything was created or upgraded.</summary>
    public bool Changed => Before != After;
}

/// <summary>Creates and upgrades a store's tables on request, reporting the versions (the hosts do it as they start, too).</summary>
public interface IFleetStoreSchema
{
    /// <summary>Creates the tables or upgrades them to this build's version; refuses a newer version than it knows.</summary>
    Task<SchemaMigration> MigrateAsync(CancellationToken cancellationToken);
}
