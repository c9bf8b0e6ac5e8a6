using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.Incidents;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.SideEffects;
using AutomationFleet.Core.Workers;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Storage.Tests;

[Trait("Category", "Integration")]
public sealed class StorageServiceCollectionExtensionsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "af-di-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task AddSqliteFleetStore_HostStarts_OneStoreForAllContractsAndSchemaCreated()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:Path"] = Path.Combine(_directory, "fleet.db"),
            ["Store:Synchronous"] = "Full",
        });
        builder.Services.AddSqliteFleetStore(builder.Configuration);
        using var host = builder.Build();

        await host.StartAsync();

        var store = host.Services.GetRequiredService<SqliteFleetStore>();
        Assert.Same(store, host.Services.GetRequiredService<IWorkQueue>());
        Assert.Same(store, host.Services.GetRequiredService<IReviewQueue>());
        Assert.Same(store, host.Services.GetRequiredService<ISideEffectLedger>());
        Assert.Same(store, host.Services.GetRequiredService<IWorkerRegistry>());
        Assert.Same(store, host.Services.GetRequiredService<IIncidentStore>());
        Assert.IsType<FileBlobStore>(host.Services.GetRequiredService<IBlobStore>());
        Assert.True(File.Exists(Path.Combine(_directory, "fleet.db")));
        Assert.Contains(Path.Combine(_directory, "fleet.db"), store.ConnectionString, StringComparison.Ordinal);
        var blob = await host.Services.GetRequiredService<IBlobStore>().PutAsync("a", "text/plain", new MemoryStream([1, 2, 3]), CancellationToken.None);
        Assert.True(File.Exists(Path.Combine(_directory, "blobs", blob.ContentHash[..2], blob.ContentHash)));
        await host.StopAsync();
        await store.DisposeAsync();
    }

    [Fact]
    public void AddSqliteFleetStore_BadSettings_ValidationNamesEverySetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:Path"] = " ",
            ["Store:BusyTimeout"] = "-00:00:01",
        }).Build();
        var services = new ServiceCollection().AddSqliteFleetStore(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SqliteStoreOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains("Store:Path", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Store:BusyTimeout", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sqlite")]
    [InlineData("SQLite")]
    public async Task AddFleetStore_SqliteOrUnset_OneSqliteStoreForAllContracts(string? provider)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:Path"] = Path.Combine(_directory, "fleet.db"),
            ["Store:Provider"] = provider,
        }).Build();
        await using var services = new ServiceCollection().AddFleetStore(configuration).BuildServiceProvider();

        var store = services.GetRequiredService<SqliteFleetStore>();

        Assert.Same(store, services.GetRequiredService<IWorkQueue>());
        Assert.Same(store, services.GetRequiredService<IReviewQueue>());
        Assert.Same(store, services.GetRequiredService<IIncidentStore>());
        _ = services.GetRequiredService<IOptions<FleetStoreOptions>>().Value;
    }

    [Fact]
    public async Task AddFleetStore_PostgresWithoutConnectionString_StartUpStopsNamingTheSetting()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:Provider"] = "postgres",
            ["Store:BlobDirectory"] = " ",
        });
        builder.Services.AddFleetStore(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(error.Failures, f => f.StartsWith("Store:ConnectionString is empty", StringComparison.Ordinal) && f.Contains("FLEET_Store__ConnectionString", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Store:BlobDirectory", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Host=db;Username=fleet;Password=secret-value")]
    [InlineData("Host=db;Database=fleet;NoSuchKeyword=1;Password=secret-value")]
    public void PostgresStoreOptionsValidator_BadConnectionString_NamesTheSettingNeverThePassword(string connectionString)
    {
        var result = new Storage.Postgres.PostgresStoreOptionsValidator().Validate(null, new Storage.Postgres.PostgresStoreOptions { ConnectionString = connectionString });

        Assert.True(result.Failed);
        Assert.All(result.Failures!, f => Assert.StartsWith("Store:ConnectionString", f, StringComparison.Ordinal));
        Assert.All(result.Failures!, f => Assert.DoesNotContain("secret-value", f, StringComparison.Ordinal));
    }

    [Fact]
    public void PostgresStoreOptionsValidator_MigrationOnAnotherDatabase_NamesBothSettings()
    {
        var result = new Storage.Postgres.PostgresStoreOptionsValidator().Validate(
            null,
            new Storage.Postgres.PostgresStoreOptions
            {
                ConnectionString = "Host=db;Database=fleet;Username=fleet_worker",
                MigrationConnectionString = "Host=db;Database=other;Username=fleet_owner;Password=secret-value",
            });

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("Store:MigrationConnectionString names another database than Store:ConnectionString", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mysql")]
    [InlineData("sqlite3")]
    public void AddFleetStore_UnknownProvider_NamesTheSetting(string provider)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:Provider"] = provider,
        }).Build();

        var error = Assert.Throws<OptionsValidationException>(() => new ServiceCollection().AddFleetStore(configuration));

        Assert.Contains(error.Failures, f => f.StartsWith("Store:Provider", StringComparison.Ordinal) && f.Contains("sqlite", StringComparison.Ordinal));
    }
}
