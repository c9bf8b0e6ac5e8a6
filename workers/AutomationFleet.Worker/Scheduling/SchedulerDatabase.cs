using AutomationFleet.Storage;
using AutomationFleet.Storage.Postgres;
using AutomationFleet.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Worker.Scheduling;

/// <summary>
/// Where Quartz keeps its rows: always the fleet's own database. On SQLite (one machine) the job store is not clustered
/// and creates its tables if missing; on PostgreSQL (a fleet across machines) it is clustered and its tables come from
/// the fleet's schema upgrade (<c>fleet db migrate</c>, or a host starting), run by the schema owner.
/// </summary>
/// <param name="Provider"><see cref="FleetStoreOptions.Sqlite"/> or <see cref="FleetStoreOptions.Postgres"/>.</param>
/// <param name="ConnectionString">The connection string Quartz uses (PostgreSQL: the store's own, least-privilege account).</param>
public sealed record SchedulerDatabase(string Provider, string ConnectionString)
{
    /// <summary>Whether several schedulers share the rows as one cluster (PostgreSQL).</summary>
    public bool IsClustered => string.Equals(Provider, FleetStoreOptions.Postgres, StringComparison.OrdinalIgnoreCase);

    /// <summary>The SQLite store's file.</summary>
    public static SchedulerDatabase Sqlite(string connectionString) => new(FleetStoreOptions.Sqlite, connectionString);

    /// <summary>The PostgreSQL store's database.</summary>
    public static SchedulerDatabase Postgres(string connectionString) => new(FleetStoreOptions.Postgres, connectionString);

    /// <summary>The database of the store registered in <paramref name="services"/> (by <c>AddFleetStore</c>).</summary>
    public static SchedulerDatabase From(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.GetService<SqliteFleetStore>() is { } sqlite)
        {
            return Sqlite(sqlite.ConnectionString);
        }

        if (services.GetService<PostgresFleetStore>() is not null)
        {
            return Postgres(services.GetRequiredService<IOptions<PostgresStoreOptions>>().Value.ConnectionString!);
        }

        throw new InvalidOperationException("The scheduler keeps its rows in the fleet's database: call AddFleetStore before AddFleetScheduling.");
    }

    /// <summary>Never the connection string: it may hold a password.</summary>
    public override string ToString() => Provider;
}
