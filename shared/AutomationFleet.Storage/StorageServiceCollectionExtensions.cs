using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.Confidence;
using AutomationFleet.Core.Incidents;
using AutomationFleet.Core.Metrics;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.SideEffects;
using AutomationFleet.Core.Users;
using AutomationFleet.Core.Workers;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Storage;

/// <summary>Registers the embedded SQLite store.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="SqliteStoreOptions"/> from the <c>Store</c> section (validated
    /// at start), adds <see cref="TimeProvider.System"/> unless a clock is registered, one
    /// <see cref="SqliteFleetStore"/> serving <see cref="IWorkQueue"/>, <see cref="IReviewQueue"/>,
    /// <see cref="ISideEffectLedger"/>, <see cref="IWorkerRegistry"/>, <see cref="IFleetMetrics"/>, <see cref="IUserStore"/>, <see cref="IThresholdOverrideStore"/> and <see cref="IIncidentStore"/>, a <see cref="FileBlobStore"/>
    /// as <see cref="IBlobStore"/>, and a hosted service that creates the schema as the host starts.
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
        services.TryAddSingleton<IIncidentStore>(provider => provider.GetRequiredService<SqliteFleetStore>());
        services.TryAddSingleton<IBlobStore>(provider => new FileBlobStore(
            provider.GetRequiredService<IOptions<SqliteStoreOptions>>().Value.FullBlobDirectory));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SqliteStoreInitializer>());
        return services;
    }
}
