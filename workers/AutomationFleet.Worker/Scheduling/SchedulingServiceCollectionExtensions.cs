using AutomationFleet.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace AutomationFleet.Worker.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// The scheduler for the full host, in the same SQLite file as the work queue
    /// (<see cref="SqliteFleetStore.ConnectionString"/>; call <c>AddFleetStore</c> too; a SQLite store only, for now).
    /// </summary>
    public static IServiceCollection AddFleetScheduling(this IServiceCollection services, IConfiguration configuration) =>
        services.AddFleetScheduling(
            configuration,
            provider => provider.GetService<SqliteFleetStore>()?.ConnectionString
                ?? throw new InvalidOperationException(
                    "The scheduler keeps its jobs in the SQLite store's file, and Store:Provider is not sqlite: "
                    + "Quartz on PostgreSQL is not built yet (issue 12). Run the fleet on sqlite for now."));

    /// <summary>
    /// The scheduler for the full host: Quartz over the fleet's SQLite database, the configured schedules
    /// applied at start, triggers fired by a hosted service that waits for running jobs on shutdown, and
    /// <see cref="ScheduleAdmin"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration holding the <c>Scheduling</c> section.</param>
    /// <param name="connectionString">The fleet database's connection string, resolved from the container.</param>
    public static IServiceCollection AddFleetScheduling(
        this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, string> connectionString)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(connectionString);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<SchedulingOptions>()
            .BindConfiguration(SchedulingOptions.SectionName)
            .PostConfigure(options => ReadPayloads(configuration, options))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SchedulingOptions>, SchedulingOptionsValidator>();

        var startupOptions = configuration.GetSection(SchedulingOptions.SectionName).Get<SchedulingOptions>() ?? new SchedulingOptions();
        services.AddQuartz(quartz =>
        {
            FleetQuartz.Configure(
                quartz,
                startupOptions,
                store => store.UseSqlite(source => source.DataSourceFactory = sp => SqliteFactory.Instance.CreateDataSource(connectionString(sp))));
            // Only the firing host builds jobs; the CLI's scheduler never runs one, so it needs no work queue.
            quartz.AddJobType<EnqueueScheduledWorkJob>();
        });

        services.AddSingleton<ScheduleApplier>();
        services.AddSingleton<ScheduleAdmin>();
        // Registered before Quartz's hosted service, so config is applied before the scheduler starts.
        services.AddHostedService<ApplySchedulesHostedService>();
        services.AddQuartzHostedService(hosted => hosted.WaitForJobsToComplete = true);
        return services;
    }

    internal static void ReadPayloads(IConfiguration configuration, SchedulingOptions options)
    {
        var schedules = configuration.GetSection(SchedulingOptions.SectionName).GetSection(nameof(SchedulingOptions.Schedules)).GetChildren().ToList();
        for (var i = 0; i < schedules.Count && i < options.Schedules.Count; i++)
        {
            var payload = schedules[i].GetSection(nameof(ScheduleOptions.Payload));
            if (payload.Exists())
            {
                options.Schedules[i].Payload = ConfigurationJson.ToJson(payload);
            }
        }
    }
}
