using Microsoft.Data.Sqlite;
using Npgsql;
using Quartz;

namespace AutomationFleet.Worker.Scheduling;

/// <summary>
/// The one Quartz configuration shared by the full host (which fires triggers) and the CLI (which
/// manages them against the same database without starting a scheduler), so both see the same rows.
/// </summary>
public static class FleetQuartz
{
    /// <summary>The scheduler name: the key of every Quartz row in the database. Host and CLI must agree.</summary>
    public const string SchedulerName = "AutomationFleet";

    /// <summary>The job and trigger group the configured schedules live in.</summary>
    public const string ScheduleGroup = "fleet-schedules";

    /// <summary>
    /// Configures the persistent job store in the fleet's database and its JSON serializer (job data as strings).
    /// SQLite: not clustered, tables created if missing. PostgreSQL: clustered (each scheduler checks in every
    /// <see cref="SchedulingOptions.ClusterCheckinInterval"/>; one silent for longer has its triggers and recoverable
    /// jobs taken over), its tables created by the fleet's schema upgrade, never by the scheduler's own account.
    /// </summary>
    /// <param name="quartz">The builder from <c>AddQuartz</c> or <c>QuartzSchedulerBuilder.Create</c>.</param>
    /// <param name="options">The scheduling options.</param>
    /// <param name="database">The fleet's database, resolved from the container when the scheduler is built.</param>
    /// <param name="instanceId">This scheduler's id in a cluster (unique per process); null for Quartz's own (host name and time).</param>
    public static void Configure(IQuartzBuilder quartz, SchedulingOptions options, SchedulerDatabase database, string? instanceId = null) =>
        Configure(quartz, options, database.IsClustered, _ => database, instanceId);

    /// <inheritdoc cref="Configure(IQuartzBuilder, SchedulingOptions, SchedulerDatabase, string?)"/>
    /// <param name="quartz">The builder.</param>
    /// <param name="options">The scheduling options.</param>
    /// <param name="clustered">Whether the database is PostgreSQL (known from configuration before the container is built).</param>
    /// <param name="database">The fleet's database, resolved from the container when the scheduler is built.</param>
    /// <param name="instanceId">This scheduler's id in a cluster; null for Quartz's own.</param>
    public static void Configure(
        IQuartzBuilder quartz, SchedulingOptions options, bool clustered, Func<IServiceProvider, SchedulerDatabase> database, string? instanceId = null)
    {
        ArgumentNullException.ThrowIfNull(quartz);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(database);
        quartz.ConfigureScheduler(scheduler =>
        {
            scheduler.InstanceName = SchedulerName;
            scheduler.InstanceId = string.IsNullOrWhiteSpace(instanceId) ? "AUTO" : instanceId;
            // A trigger added by the CLI (another process) is seen within this, rather than Quartz's 30 s default.
            scheduler.IdleWaitTime = TimeSpan.FromSeconds(5);
        });
        quartz.UseDefaultThreadPool(maxConcurrency: 2);
        quartz.UsePersistentStore(store =>
        {
            if (clustered)
            {
                store.UsePostgres(source => source.DataSourceFactory = sp => NpgsqlDataSource.Create(database(sp).ConnectionString));
                store.UseClustering(cluster =>
                {
                    cluster.CheckinInterval = options.ClusterCheckinInterval;
                    cluster.CheckinMisfireThreshold = options.ClusterCheckinInterval;
                });
            }
            else
            {
                store.UseSqlite(source => source.DataSourceFactory = sp => SqliteFactory.Instance.CreateDataSource(database(sp).ConnectionString));
                store.ProvisionSchema();
            }

            store.UseSystemTextJsonSerializer(registry => registry.AddCalendarSerializer(new EnglandAndWalesWorkingDayCalendarSerializer()));
            store.ConfigureStore(job =>
            {
                job.StoreJobDataAsStrings = true;
                job.MisfireThreshold = options.MisfireThreshold;
            });
        });
    }
}
