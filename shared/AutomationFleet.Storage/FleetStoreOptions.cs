namespace AutomationFleet.Storage;

/// <summary>Which store the fleet runs on. Bound from the <c>Store</c> section, next to the chosen store's own settings.</summary>
public sealed class FleetStoreOptions
{
    /// <summary>The configuration section (shared with <see cref="Sqlite.SqliteStoreOptions"/>).</summary>
    public const string SectionName = "Store";

    /// <summary>The embedded SQLite store: one file in WAL mode, one machine.</summary>
    public const string Sqlite = "sqlite";

    /// <summary>The PostgreSQL store for a fleet across machines (<see cref="Postgres.PostgresFleetStore"/>).</summary>
    public const string Postgres = "postgres";

    /// <summary><see cref="Sqlite"/> (default; blank means the default too) or <see cref="Postgres"/>, compared case-insensitively.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>Whether <see cref="Provider"/> names SQLite (blank counts as the default).</summary>
    public bool IsSqlite => string.IsNullOrWhiteSpace(Provider) || string.Equals(Provider, Sqlite, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <see cref="Provider"/> names PostgreSQL.</summary>
    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);
}
