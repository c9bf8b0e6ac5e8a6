using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Confidence;
using AutomationFleet.Core.Incidents;
using AutomationFleet.Core.Metrics;
using AutomationFleet.Core.Privacy;
using AutomationFleet.Core.PublicStatus;
using AutomationFleet.Core.Resilience;
using AutomationFleet.Core.Retention;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.SideEffects;
using AutomationFleet.Core.Updates;
using AutomationFleet.Core.Users;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Core.Workers;
using AutomationFleet.Storage.Postgres;
using AutomationFleet.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Storage;

/// <summary>Registers the fleet's store: the one composition point every host and the CLI use.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the store named by <c>Store:Provider</c> (<see cref="FleetStoreOptions"/>): <c>sqlite</c> (the default)
    /// adds <see cref="AddSqliteFleetStore"/>; <c>postgres</c> adds <see cref="AddPostgresFleetStore"/>. The provider decides what is registered,
    /// so it is checked here, by <see cref="FleetStoreOptionsValidator"/>, and a bad one stops start-up at once with an
    /// <see cref="OptionsValidationException"/> naming the setting. The chosen store's own settings are validated on start.
    /// </summary>
    /// <exception cref="OptionsValidationException"><c>Store:Provider</c> is unknown.</exception>
    public static IServiceCollection AddFleetStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var options = new FleetStoreOptions();
        configuration.GetSection(FleetStoreOptions.SectionName).Bind(options);
        var result = new FleetStoreOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(FleetStoreOptions), result.Failures);
        }

        services.AddOptions<FleetStoreOptions>()
            .Bind(configuration.GetSection(FleetStoreOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FleetStoreOptions>, FleetStoreOptionsValidator>());

        return options.IsPostgres ? services.AddPostgresFleetStore(configuration) : services.AddSqliteFleetStore(configuration);
    }

    /// <summary>
    /// Binds and validates <see cref="PostgresStoreOptions"/> from the <c>Store</c> section (validated at start; the
    /// connection string from the environment, <c>FLEET_Store__ConnectionString</c>), adds <see cref="TimeProvider.System"/>
    /// unless a clock is registered, one <see cref="PostgresFleetStore"/> serving every contract the SQLite store serves,
    /// a <see cref="FileBlobStore"/> on <c>Store:BlobDirectory</c> as <see cref="IBlobStore"/>, and a hosted service that
    /// upgrades the schema as the host starts, and <see cref="PostgresWorkAvailableSignal"/> (<c>LISTEN fleet_work</c>) as
    /// <see cref="IWorkAvailableSignal"/>. Hosts call <see cref="AddFleetStore"/>; this is for tests and tools.
    /// </summary>
    public static IServiceCollection AddPostgresFleetStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<PostgresStoreOptions>()
            .Bind(configuration.GetSection(PostgresStoreOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresStoreOptions>, PostgresStoreOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton(provider => new PostgresFleetStore(
            provider.GetRequiredService<IOptions<PostgresStoreOptions>>().Value,
            provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IWorkQueue>(provider => provider.GetRequiredService<PostgresFleetStore>());
        services.TryAddSingleton<IReviewQueue>(provider => provider.GetRequiredService<PostgresFleetStore>());
        services.TryAddSingleton<ISideEffectLedger>(provider => provider.GetRequiredService<PostgresFleetStore>());
        services.TryAddSingleton<IWorkerRegistry>(provider => provider.GetRequiredService<PostgresFleetStore>());
        services.TryAddSingleton<IFleetMetrics>(provider => provider.GetRequiredService<PostgresFleetStore>());
        services.TryAddSingleton<IUserStore>(provider => provider.GetRequiredService<PostgresFleetStore>());
        services.TryAddSingleton<IThresholdOverrideStore>(provider => provider.GetRequiredService<PostgresFleetStore>());
        services.TryAddSingleton<IBotPauseStore>(provider => provider.GetRequiredService<PostgresFleetStore>());
        services.TryAddSingleton<IUpdateStore>(provider => provider.GetRequiredService<PostgresFleetStore>());
        services.TryAddSingleton<IIncidentStore>(provider => provider.GetRequiredService<PostgresFleetStore>());
        services.TryAddSingleton<IReviewSlaStore>(provider => provider.GetRequiredService<PostgresFleetStore>());
        services.TryAddSingleton<IRetentionStore>(provider => provider.GetRequiredService<PostgresFleetStore>());
        services.TryAddSingleton<IPublicStatusStore>(provider => provider.GetRequiredService<PostgresFleetStore>());
        services.TryAddSingleton<ISubjectAccessStore>(provider => provider.GetRequiredService<PostgresFleetStore>());
        services.TryAddSingleton(provider => new PostgresWorkAvailableSignal(
            provider.GetRequiredService<IOptions<PostgresStoreOptions>>().Value,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILogger<PostgresWorkAvailableSignal>>() ?? NullLogger<PostgresWorkAvailableSignal>.Instance));
        services.TryAddSingleton<IWorkAvailableSignal>(provider => provider.GetRequiredService<PostgresWorkAvailableSignal>());
        services.TryAddSingleton<IFleetStoreSchema>(provider => provider.GetRequiredService<PostgresFleetStore>());
        services.TryAddSingleton<IBlobStore>(provider => new FileBlobStore(
            provider.GetRequiredService<IOptions<PostgresStoreOptions>>().Value.FullBlobDirectory));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PostgresStoreInitializer>());
        // Only an unreachable server is waited for at start; a database newer than the build fails at once.
        services.AddTransientFaultFilter(FleetPipelines.StoreStartup, PostgresStoreInitializer.IsUnreachable);
        return services;
    }

    /// <summary>
    /// Binds and validates <see cref="SqliteStoreOptions"/> from the <c>Store</c> section (validated
    /// at start), adds <see cref="TimeProvider.System"/> unless a clock is registered, one
    /// <see cref="SqliteFleetStore"/> serving <see cref="IWorkQueue"/>, <see cref="IReviewQueue"/>,
    /// <see cref="ISideEffectLedger"/>, <see cref="IWorkerRegistry"/>, <see cref="IFleetMetrics"/>, <see cref="IUserStore"/>, <see cref="IThresholdOverrideStore"/>, <see cref="IBotPauseStore"/> and <see cref="IIncidentStore"/>, a <see cref="FileBlobStore"/>
    /// as <see cref="IBlobStore"/>, <see cref="PollingWorkAvailableSignal"/> as <see cref="IWorkAvailableSignal"/> (SQLite cannot push, so consumers
    /// poll), and a hosted service that creates the schema as the host starts. Hosts call
    /// <see cref="AddFleetStore"/>, which picks the store from configuration; this is for tests and tools that want
    /// SQLite whatever the configuration says.
    /// </summary>
    public static IServiceCollection AddSqliteFleetStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<SqliteStoreOptions>()
            .Bind(configuration.GetSection(SqliteStoreOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteStoreOptions>, SqliteStoreOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton(provider => new SqliteFleetStore(
            provider.GetRequiredService<IOptions<SqliteStoreOptions>>().Value,
            provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IWorkQueue>(provider => provider.GetRequiredService<SqliteFleetStore>());
        services.TryAddSingleton<IReviewQueue>(provider => provider.GetRequiredService<SqliteFleetStore>());
        services.TryAddSingleton<ISideEffectLedger>(provider => provider.GetRequiredService<SqliteFleetStore>());
        services.TryAddSingleton<IWorkerRegistry>(provider => provider.GetRequiredService<SqliteFleetStore>());
        services.TryAddSingleton<IFleetMetrics>(provider => provider.GetRequiredService<SqliteFleetStore>());
        services.TryAddSingleton<IUserStore>(provider => provider.GetRequiredService<SqliteFleetStore>());
        services.TryAddSingleton<IThresholdOverrideStore>(provider => provider.GetRequiredService<SqliteFleetStore>());
        services.TryAddSingleton<IBotPauseStore>(provider => provider.GetRequiredService<SqliteFleetStore>());
        services.TryAddSingleton<IUpdateStore>(provider => provider.GetRequiredService<SqliteFleetStore>());
        services.TryAddSingleton<IIncidentStore>(provider => provider.GetRequiredService<SqliteFleetStore>());
        services.TryAddSingleton<IReviewSlaStore>(provider => provider.GetRequiredService<SqliteFleetStore>());
        services.TryAddSingleton<IRetentionStore>(provider => provider.GetRequiredService<SqliteFleetStore>());
        services.TryAddSingleton<IPublicStatusStore>(provider => provider.GetRequiredService<SqliteFleetStore>());
        services.TryAddSingleton<ISubjectAccessStore>(provider => provider.GetRequiredService<SqliteFleetStore>());
        services.TryAddSingleton<IWorkAvailableSignal>(provider => new PollingWorkAvailableSignal(provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IFleetStoreSchema>(provider => provider.GetRequiredService<SqliteFleetStore>());
        services.TryAddSingleton<IBlobStore>(provider => new FileBlobStore(
            provider.GetRequiredService<IOptions<SqliteStoreOptions>>().Value.FullBlobDirectory));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SqliteStoreInitializer>());
        return services;
    }
}
