using System.Diagnostics;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Storage;
using AutomationFleet.Storage.Postgres;
using AutomationFleet.Storage.Tests.Postgres;
using AutomationFleet.Worker.Hosting;
using AutomationFleet.Worker.Tests.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AutomationFleet.Worker.Tests.Queueing;

/// <summary>The queue consumers on PostgreSQL: an idle consumer is woken by the enqueue's notification, not its poll.</summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresQueueConsumerTests(PostgresServer server)
{
    [Fact]
    public async Task ExecuteAsync_IdleWithThirtySecondPoll_NewItemTakenWithinSeconds()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var directory = Directory.CreateTempSubdirectory("af-worker-pg-").FullName;
        try
        {
            await using var store = new PostgresFleetStore(new PostgresStoreOptions { ConnectionString = connectionString }, TimeProvider.System);
            using var host = BuildHost(connectionString, directory, new TestBot("idle", TimeSpan.Zero));
            await host.StartAsync();
            var signal = host.Services.GetRequiredService<PostgresWorkAvailableSignal>();
            await WaitUntilAsync(() => Task.FromResult(signal.IsListening), TimeSpan.FromSeconds(10));
            // Past the wake-up that follows the listener's connect: the consumer is now in its 30 s wait.
            await Task.Delay(TimeSpan.FromSeconds(1));

            var watch = Stopwatch.StartNew();
            await store.EnqueueAsync(new NewWorkItem("idle", "I-1", "{}"), "test", CancellationToken.None);
            await WaitUntilAsync(
                async () => (await store.FindAsync("I-1", CancellationToken.None))!.State == WorkItemState.Completed,
                TimeSpan.FromSeconds(5));
            await host.StopAsync();

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"Taken after {watch.Elapsed}.");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    // The worker's own registrations on PostgreSQL, without the scheduler (Quartz is still SQLite-only).
    private static IHost BuildHost(string connectionString, string directory, IBot bot)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = directory });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:Provider"] = FleetStoreOptions.Postgres,
            ["Store:ConnectionString"] = connectionString,
            ["Store:BlobDirectory"] = Path.Combine(directory, "blobs"),
            ["Worker:LogDirectory"] = Path.Combine(directory, "logs"),
            ["Queues:idle:PollInterval"] = "00:00:30",
        });
        builder.Services.AddFleetStore(builder.Configuration);
        builder.Services.AddSingleton(bot);
        builder.Services.AddFleetWorker(builder.Configuration);
        return builder.Build();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(watch.Elapsed < timeout, $"Timed out after {timeout}.");
            await Task.Delay(20);
        }
    }
}
