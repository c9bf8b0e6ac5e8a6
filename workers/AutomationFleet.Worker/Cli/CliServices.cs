using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.Files;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.SideEffects;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Core.Workers;
using AutomationFleet.Storage;
using AutomationFleet.Storage.Postgres;
using AutomationFleet.Storage.Sqlite;
using AutomationFleet.Worker.Hosting;
using AutomationFleet.Worker.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Worker.Cli;

/// <summary>
/// The services a CLI command needs, built from the same configuration sources as the worker host
/// (<see cref="FleetConfiguration"/>) but without starting any hosted service: the store is opened
/// and its schema ensured directly.
/// </summary>
public sealed class CliServices : IFleetStoreSession
{
    private readonly ServiceProvider _provider;

    private CliServices(ServiceProvider provider, IConfiguration configuration, SchedulerDatabase database)
    {
        _provider = provider;
        Configuration = configuration;
        Database = database;
    }

    public IConfiguration Configuration { get; }

    /// <summary>The fleet's database (SQLite file or PostgreSQL), where the scheduler's rows live too.</summary>
    public SchedulerDatabase Database { get; }

    public IWorkQueue Queue => _provider.GetRequiredService<IWorkQueue>();

    public IReviewQueue Review => _provider.GetRequiredService<IReviewQueue>();

    public ISideEffectLedger Ledger => _provider.GetRequiredService<ISideEffectLedger>();

    public IWorkerRegistry Workers => _provider.GetRequiredService<IWorkerRegistry>();

    public IBlobStore Blobs => _provider.GetRequiredService<IBlobStore>();

    public IServiceProvider Services => _provider;

    /// <summary>The store's connection string (the scheduler's tables live in the same database).</summary>
    public string ConnectionString => Database.ConnectionString;

    /// <summary>How long a silent worker counts as alive: <c>Worker:StaleAfter</c>, as the host uses it.</summary>
    public TimeSpan WorkerStaleAfter =>
        Configuration.GetSection(WorkerOptions.SectionName).Get<WorkerOptions>()?.StaleAfter ?? new WorkerOptions().StaleAfter;

    /// <summary>
    /// Schedule administration over the fleet database, with a scheduler that is built but never started here:
    /// the running host fires what this writes. Dispose the result.
    /// </summary>
    public Task<ScheduleAdmin> OpenSchedulesAsync(CancellationToken cancellationToken)
    {
        var options = Configuration.GetSection(SchedulingOptions.SectionName).Get<SchedulingOptions>() ?? new SchedulingOptions();
        return ScheduleAdmin.OpenAsync(Database, options, cancellationToken);
    }

    /// <summary>
    /// The fleet's configuration: the config folder's files, environment, then the CLI's own overrides
    /// (<c>--config</c>, <c>--db</c> as <c>Store:Path</c>). The CLI's other arguments are not fed to the
    /// configuration, so a command's options never leak into settings.
    /// </summary>
    public static IConfigurationRoot BuildConfiguration(string? configDirectory, string? databasePath)
    {
        var overrides = new List<string>();
        if (!string.IsNullOrWhiteSpace(configDirectory))
        {
            var full = Path.GetFullPath(configDirectory);
            if (!Directory.Exists(full))
            {
                throw new CliException($"The configuration folder '{full}' does not exist.");
            }

            overrides.Add($"--config={full}");
        }

        if (!string.IsNullOrWhiteSpace(databasePath))
        {
            overrides.Add($"--{SqliteStoreOptions.SectionName}:Path={Path.GetFullPath(databasePath)}");
        }

        var args = overrides.ToArray();
        var commandLine = new ConfigurationBuilder().AddCommandLine(args).Build();
        var folder = FleetConfiguration.ResolveConfigDirectory(commandLine);
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Production";
        var builder = new ConfigurationBuilder();
        builder.AddFleetSources(folder, environment, args);
        return builder.Build();
    }

    /// <summary>Opens the store named by configuration. Read commands pass <paramref name="createIfMissing"/> false.</summary>
    public static async Task<CliServices> OpenAsync(
        string? configDirectory, string? databasePath, bool createIfMissing, CancellationToken cancellationToken) =>
        (await OpenAsync(configDirectory, databasePath, createIfMissing, migrate: false, cancellationToken)).Services;

    /// <summary>
    /// Opens the store named by configuration, creating or upgrading its tables and saying from which version
    /// (<c>fleet db migrate</c>).
    /// </summary>
    public static async Task<(CliServices Services, SchemaMigration Migration)> MigrateAsync(
        string? configDirectory, string? databasePath, CancellationToken cancellationToken)
    {
        var (services, migration) = await OpenAsync(configDirectory, databasePath, createIfMissing: true, migrate: true, cancellationToken);
        return (services, migration!);
    }

    private static async Task<(CliServices Services, SchemaMigration? Migration)> OpenAsync(
        string? configDirectory, string? databasePath, bool createIfMissing, bool migrate, CancellationToken cancellationToken)
    {
        var configuration = BuildConfiguration(configDirectory, databasePath);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddFleetStore(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        try
        {
            if (provider.GetService<SqliteFleetStore>() is not null)
            {
                PrepareSqliteFile(provider, createIfMissing);
            }

            // Opening a store upgrades its schema (PostgreSQL: the fleet's tables and the scheduler's, as the schema owner
            // when Store:MigrationConnectionString is set); a database newer than this build is refused either way.
            SchemaMigration? migration = null;
            if (migrate)
            {
                migration = await provider.GetRequiredService<IFleetStoreSchema>().MigrateAsync(cancellationToken);
            }
            else if (provider.GetService<SqliteFleetStore>() is { } sqlite)
            {
                await sqlite.InitializeAsync(cancellationToken);
            }
            else
            {
                await provider.GetRequiredService<PostgresFleetStore>().InitializeAsync(cancellationToken);
            }

            return (new CliServices(provider, configuration, SchedulerDatabase.From(provider)), migration);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();

    // A read command on a missing file would create an empty database and report nothing; say where it looked instead.
    private static void PrepareSqliteFile(IServiceProvider provider, bool createIfMissing)
    {
        var options = provider.GetRequiredService<IOptions<SqliteStoreOptions>>().Value;
        if (!createIfMissing && !File.Exists(options.FullPath))
        {
            throw new CliException(
                $"No fleet database at '{options.FullPath}'. Start the fleet with 'fleet run', enqueue an item, or pass --db.",
                ExitCodes.Failure);
        }

        if (createIfMissing)
        {
            OwnerOnly.CreateFolder(Path.GetDirectoryName(options.FullPath)!);
        }
    }
}
