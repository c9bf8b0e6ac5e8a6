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

    /// <summary>
    /// Optional: the account that owns the schema and runs its upgrade (<c>FLEET_Store__MigrationConnectionString</c>),
    /// same database. Set it to run the store itself as a least-privilege account: a login granted the role
    /// <c>fleet_app</c>, which the upgrade creates (when allowed) and grants only the rows the store uses. Unset, the
    /// store's own account upgrades the schema and so must own it.
    /// </summary>
    public string? MigrationConnectionString { get; set; }

    /// <summary>
    /// Folder of the content-addressed blob store (<see cref="Sqlite.FileBlobStore"/>); default <c>var/blobs</c>, relative
    /// to the current directory. Workers on several machines must all see the same folder (a shared mount): the
    /// database holds only the blobs' hashes.
    /// </summary>
    public string BlobDirectory { get; set; } = "var/blobs";

    /// <summary>The blob folder as a full path.</summary>
    public string FullBlobDirectory => System.IO.Path.GetFullPath(BlobDirectory);
}
