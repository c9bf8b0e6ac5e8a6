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
using Npgsql;

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
                TimeSpan.FromSeconds(15));
            await host.StopAsync();

            // Half the 30 s poll: the notification woke it, with room for a loaded CI machine.
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"Taken after {watch.Elapsed}.");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task ExecuteAsync_IdleWhenServerRestarts_LogsTheLostConnectionOnceAndRecovers()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var directory = Directory.CreateTempSubdirectory("af-worker-pg-").FullName;
        try
        {
            // The test's own store unpooled, so none of its connections is a dead one after the restart; the worker's
            // are pooled as configured, and must recover by themselves.
            var unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
            await using var store = new PostgresFleetStore(new PostgresStoreOptions { ConnectionString = unpooled }, TimeProvider.System);
            await store.InitializeAsync(CancellationToken.None);
            using var host = BuildHost(connectionString, directory, new TestBot("idle", TimeSpan.Zero), pollInterval: "00:00:00.5");
            await host.StartAsync();
            var signal = host.Services.GetRequiredService<PostgresWorkAvailableSignal>();
            await WaitUntilAsync(() => Task.FromResult(signal.IsListening), TimeSpan.FromSeconds(10));

            // An idle worker always holds its wake-up connection, so it always sees the outage (a busy one may not).
            await server.RestartImmediateAsync();
            var logs = Path.Combine(directory, "logs");
            await WaitUntilAsync(async () => (await ReadLogAsync(logs)).Contains(Restored, StringComparison.Ordinal), TimeSpan.FromSeconds(60));
            await store.EnqueueAsync(new NewWorkItem("idle", "R-1", "{}"), "test", CancellationToken.None);
            await WaitUntilAsync(
                async () => (await store.FindAsync("R-1", CancellationToken.None))!.State == WorkItemState.Completed,
                TimeSpan.FromSeconds(60));
            await host.StopAsync();

            var lines = (await ReadLogAsync(logs)).Split('\n');
            Assert.Equal(1, lines.Count(l => l.Contains("Lost the wake-up connection to PostgreSQL", StringComparison.Ordinal)));
            Assert.Equal(1, lines.Count(l => l.Contains(Restored, StringComparison.Ordinal)));
            // Leasing may or may not have been tried inside the outage; if it failed, that is said once, and its recovery.
            var leaseFailures = lines.Count(l => l.Contains("Leasing from queue {Queue} failed; trying again", StringComparison.Ordinal));
            Assert.InRange(leaseFailures, 0, 1);
            Assert.Equal(leaseFailures, lines.Count(l => l.Contains("Leasing from queue {Queue} works again", StringComparison.Ordinal)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private const string Restored = "Wake-up connection to PostgreSQL restored";

    // The worker's compact-JSON log files: each event's message template is in it verbatim.
    private static async Task<string> ReadLogAsync(string directory)
    {
        var text = new System.Text.StringBuilder();
        foreach (var file in Directory.Exists(directory) ? Directory.GetFiles(directory) : [])
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            text.Append(await reader.ReadToEndAsync());
        }

        return text.ToString();
    }

    // The worker's own registrations on PostgreSQL, without the scheduler.
    private static IHost BuildHost(string connectionString, string directory, IBot bot, string pollInterval = "00:00:30")
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = directory });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:Provider"] = FleetStoreOptions.Postgres,
            ["Store:ConnectionString"] = connectionString,
            ["Store:BlobDirectory"] = Path.Combine(directory, "blobs"),
            ["Worker:LogDirectory"] = Path.Combine(directory, "logs"),
            ["Queues:idle:PollInterval"] = pollInterval,
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
