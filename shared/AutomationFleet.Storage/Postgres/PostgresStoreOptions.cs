namespace AutomationFleet.Storage.Postgres;

/// <summary>Where the PostgreSQL store's database is. Bound from the <c>Store</c> section, next to <c>Store:Provider</c>.</summary>
public sealed class PostgresStoreOptions
{
    /// <summary>The configuration section (shared with <see cref="FleetStoreOptions"/>).</summary>
    public const string SectionName = "Store";

    /// <summary>
    /// An Npgsql connection string naming at least <c>Host</c> and <c>Database</c>. It holds a password, so set it from
    /// the environment (<c>FLEET_Store__ConnectionString</c>), not in a file under version control. No default.
    /// </summary>
    public string? ConnectionString { get; set; }
}
