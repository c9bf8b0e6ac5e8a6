using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.Confidence;
using AutomationFleet.Core.Incidents;
using AutomationFleet.Core.Metrics;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.SideEffects;
using AutomationFleet.Core.Users;
using AutomationFleet.Core.Workers;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Storage.Postgres;
using AutomationFleet.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AutomationFleet.Storage.Tests.Postgres;

/// <summary><c>Store:Provider=postgres</c> through the one composition point, against the run's server.</summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresStorageRegistrationTests(PostgresServer server) : IDisposable
{
    private readonly string _blobs = Path.Combine(Path.GetTempPath(), "af-pg-blobs-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_blobs))
        {
            Directory.Delete(_blobs, recursive: true);
        }
    }

    [Fact]
    public async Task AddFleetStore_Postgres_HostStartsWithOneStoreForAllContractsAndSchemaUpgraded()
    {
        var connectionString = await server.CreateDatabaseAsync(migrated: false);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:Provider"] = "postgres",
            ["Store:ConnectionString"] = connectionString,
            ["Store:BlobDirectory"] = _blobs,
        });
        builder.Services.AddFleetStore(builder.Configuration);
        using var host = builder.Build();

        await host.StartAsync();

        var store = host.Services.GetRequiredService<PostgresFleetStore>();
        Assert.Same(store, host.Services.GetRequiredService<IWorkQueue>());
        Assert.Same(store, host.Services.GetRequiredService<IReviewQueue>());
        Assert.Same(store, host.Services.GetRequiredService<ISideEffectLedger>());
        Assert.Same(store, host.Services.GetRequiredService<IWorkerRegistry>());
        Assert.Same(store, host.Services.GetRequiredService<IFleetMetrics>());
        Assert.Same(store, host.Services.GetRequiredService<IUserStore>());
        Assert.Same(store, host.Services.GetRequiredService<IThresholdOverrideStore>());
        Assert.Same(store, host.Services.GetRequiredService<IIncidentStore>());
        Assert.Null(host.Services.GetService<SqliteFleetStore>());
        Assert.IsType<FileBlobStore>(host.Services.GetRequiredService<IBlobStore>());
        Assert.True((await host.Services.GetRequiredService<IWorkQueue>().EnqueueAsync(new NewWorkItem("q", "R1", "{}"), "test", CancellationToken.None)).Created);
        await host.StopAsync();
        await store.DisposeAsync();
    }
}
