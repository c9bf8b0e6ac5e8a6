using AutomationFleet.Core.Bots;
using AutomationFleet.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace AutomationFleet.Worker.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    // Read raw, as WorkerIdentity does (Hosting's options are validated later, all at once).
    private const string WorkerIdKey = "Worker:WorkerId";

    /// <summary>
    /// The scheduler for the full host, in the fleet's database (<see cref="SchedulerDatabase.From"/>; call
    /// <c>AddFleetStore</c> too): SQLite not clustered, PostgreSQL clustered, with this process's
    /// <c>Worker:WorkerId</c> as its instance id when one is configured.
    /// </summary>
    public static IServiceCollection AddFleetScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var store = new FleetStoreOptions();
        configuration.GetSection(FleetStoreOptions.SectionName).Bind(store);
        return services.AddFleetScheduling(configuration, store.IsPostgres, SchedulerDatabase.From);
    }

    /// <summary>
    /// The scheduler for the full host: Quartz over the fleet's database, the configured schedules
    /// applied at start, triggers fired by a hosted service that waits for running jobs on shutdown, and
    /// <see cref="ScheduleAdmin"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration holding the <c>Scheduling</c> section.</param>
    /// <param name="clustered">Whether the database is PostgreSQL (a clustered scheduler).</param>
    /// <param name="database">The fleet's database, resolved from the container.</param>
    public static IServiceCollection AddFleetScheduling(
        this IServiceCollection services, IConfiguration configuration, bool clustered, Func<IServiceProvider, SchedulerDatabase> database)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(database);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<SchedulingOptions>()
            .BindConfiguration(SchedulingOptions.SectionName)
            .PostConfigure(options => ReadPayloadsAndEnabledWith(configuration, options))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SchedulingOptions>, SchedulingOptionsValidator>());

        var startupOptions = configuration.GetSection(SchedulingOptions.SectionName).Get<SchedulingOptions>() ?? new SchedulingOptions();
        services.AddQuartz(quartz =>
        {
            FleetQuartz.Configure(quartz, startupOptions, clustered, database, configuration[WorkerIdKey]);
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

    /// <summary>
    /// In a host that both schedules and consumes (<c>fleet run</c>): refuses at start-up every enabled schedule whose queue
    /// no registered bot consumes (<see cref="ScheduleTopologyValidator"/>). A scheduler-only host does not call it.
    /// </summary>
    public static IServiceCollection AddScheduleTopologyCheck(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ScheduleTopologyOptions>()
            .Configure<IEnumerable<IBot>>((topology, bots) =>
            {
                topology.ConsumedQueues.UnionWith(bots.Select(b => b.Queue));
                var schedules = configuration.GetSection(SchedulingOptions.SectionName).GetSection(nameof(SchedulingOptions.Schedules)).GetChildren();
                foreach (var schedule in schedules)
                {
                    // Read raw, as the binder would: Enabled defaults to true, an unreadable value counts as enabled (the
                    // Scheduling validator reports it).
                    if ((!bool.TryParse(schedule[nameof(ScheduleOptions.Enabled)], out var enabled) || enabled)
                        && ScheduleOptions.IsOn(true, schedule[nameof(ScheduleOptions.EnabledWith)], configuration))
                    {
                        topology.Schedules.Add((
                            $"{SchedulingOptions.SectionName}:{nameof(SchedulingOptions.Schedules)}:{schedule.Key}",
                            schedule[nameof(ScheduleOptions.Name)] ?? "",
                            schedule[nameof(ScheduleOptions.Queue)] ?? ""));
                    }
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ScheduleTopologyOptions>, ScheduleTopologyValidator>());
        return services;
    }

    private static void ReadPayloadsAndEnabledWith(IConfiguration configuration, SchedulingOptions options)
    {
        ReadPayloads(configuration, options);
        ApplyEnabledWith(configuration, options);
    }

    internal static void ApplyEnabledWith(IConfiguration configuration, SchedulingOptions options)
    {
        foreach (var schedule in options.Schedules)
        {
            schedule.Enabled = ScheduleOptions.IsOn(schedule.Enabled, schedule.EnabledWith, configuration);
        }
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
