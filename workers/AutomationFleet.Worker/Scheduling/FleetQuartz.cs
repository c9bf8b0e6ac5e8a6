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

    /// <summary>Configures the persistent SQLite store and its JSON serializer.</summary>
    /// <param name="quartz">The builder from <c>AddQuartz</c> or <c>QuartzSchedulerBuilder.Create</c>.</param>
    /// <param name="options">The scheduling options.</param>
    /// <param name="useDatabase">Chooses the database, e.g. <c>store => store.UseSqlite(connectionString)</c>.</param>
    public static void Configure(IQuartzBuilder quartz, SchedulingOptions options, Action<IPersistentStoreBuilder> useDatabase)
    {
        ArgumentNullException.ThrowIfNull(quartz);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(useDatabase);
        quartz.ConfigureScheduler(scheduler =>
        {
            scheduler.InstanceName = SchedulerName;
            // A trigger added by the CLI (another process) is seen within this, rather than Quartz's 30 s default.
            scheduler.IdleWaitTime = TimeSpan.FromSeconds(5);
        });
        quartz.UseDefaultThreadPool(maxConcurrency: 2);
        quartz.UsePersistentStore(store =>
        {
            useDatabase(store);
            store.ProvisionSchema();
            store.UseSystemTextJsonSerializer(registry => registry.AddCalendarSerializer(new EnglandAndWalesWorkingDayCalendarSerializer()));
            store.ConfigureStore(job =>
            {
                job.StoreJobDataAsStrings = true;
                job.MisfireThreshold = options.MisfireThreshold;
            });
        });
    }
}
