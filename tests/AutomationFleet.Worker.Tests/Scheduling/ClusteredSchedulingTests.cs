using System.Collections.Concurrent;
using AutomationFleet.Storage.Tests.Postgres;
using AutomationFleet.Worker.Scheduling;
using AutomationFleet.Worker.Tests.Postgres;
using Npgsql;
using Quartz;
using SchedulingOptions = AutomationFleet.Worker.Scheduling.SchedulingOptions;

namespace AutomationFleet.Worker.Tests.Scheduling;

/// <summary>
/// Three schedulers built with <see cref="FleetQuartz.Configure(IQuartzBuilder, SchedulingOptions, SchedulerDatabase, string?)"/>
/// on one PostgreSQL database, clustered, each as its own least-privilege login granted only <c>fleet_app</c> (the
/// Quartz tables come from the fleet's schema upgrade, not from the schedulers).
/// </summary>
[Collection(PostgresWorkerCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ClusteredSchedulingTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(40);
    private readonly List<(IScheduler Scheduler, IAsyncDisposable Factory)> _nodes = [];
    private readonly string _run = Guid.NewGuid().ToString("N");
    private string _owner = "";

    public async Task InitializeAsync() => _owner = await server.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        // A node whose login was taken away cannot say goodbye (that is the point of the takeover test), and Quartz may
        // keep retrying its database: give each node a bounded time to stop, then leave it.
        foreach (var (scheduler, factory) in _nodes)
        {
            var stop = Task.Run(async () =>
            {
                await scheduler.Shutdown(waitForJobsToComplete: false);
                await factory.DisposeAsync();
            });
            await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(10)));
        }

        ClusterLog.Forget(_run);
    }

    [Fact]
    public async Task EverySecondTrigger_ThreeSchedulers_EachFireTimeRunsExactlyOnce()
    {
        var nodes = await StartNodesAsync(3);
        var start = DateTimeOffset.UtcNow.AddSeconds(2);
        await nodes[0].ScheduleJob(Job<RecordingJob>("tick"), EverySecond("tick", start));

        await Task.Delay(TimeSpan.FromSeconds(12));
        await nodes[0].PauseAll();
        await Task.Delay(TimeSpan.FromSeconds(2));

        var runs = ClusterLog.Runs(_run, "tick");
        var fireTimes = runs.Select(r => r.ScheduledFireTimeUtc!.Value).ToList();
        Assert.InRange(fireTimes.Count, 8, 14);
        Assert.Equal(fireTimes.Count, fireTimes.Distinct().Count());
        var ordered = fireTimes.Order().ToList();
        // No fire time skipped between the first and the last either.
        Assert.Equal(ordered.Count - 1, (int)Math.Round((ordered[^1] - ordered[0]).TotalSeconds));
    }

    [Fact]
    public async Task DisallowConcurrentJob_ThreeSchedulersFiringEvery300ms_NeverOverlapsItself()
    {
        var nodes = await StartNodesAsync(3);
        var trigger = TriggerBuilder.Create().WithIdentity("slow", _run).StartNow()
            .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMilliseconds(300)).RepeatForever())
            .Build();
        await nodes[0].ScheduleJob(Job<SlowNonConcurrentJob>("slow"), trigger);

        await WaitUntilAsync(() => ClusterLog.Runs(_run, "slow").Count(r => r.EndedAt is not null) >= 5);
        await nodes[0].PauseAll();
        await Task.Delay(TimeSpan.FromSeconds(2));

        var runs = ClusterLog.Runs(_run, "slow").OrderBy(r => r.StartedAt).ToList();
        for (var i = 1; i < runs.Count; i++)
        {
            Assert.True(
                runs[i].StartedAt >= runs[i - 1].EndedAt,
                $"run {i} on {runs[i].Node} started at {runs[i].StartedAt:O} before run {i - 1} on {runs[i - 1].Node} ended at {runs[i - 1].EndedAt:O}");
        }
    }

    [Fact]
    public async Task NodeStopsCheckingIn_MidJob_OthersRecoverItsJobAndFireItsTriggers()
    {
        var doomed = (await StartNodesAsync(1, "doomed"))[0];
        await doomed.ScheduleJob(Job<HangingJob>("hang", recover: true), TriggerBuilder.Create().WithIdentity("hang", _run).StartNow().Build());
        await WaitUntilAsync(() => ClusterLog.Runs(_run, "hang").Any(r => r.Node == "doomed-0"));
        await doomed.ScheduleJob(Job<RecordingJob>("tick"), EverySecond("tick", DateTimeOffset.UtcNow.AddSeconds(1)));
        var survivors = await StartNodesAsync(2, "survivor");

        // A machine that dies: its login is refused and its sessions are cut, so it neither checks in nor finishes.
        var killedAt = DateTimeOffset.UtcNow;
        Execute(_owner, $"ALTER ROLE {Login("doomed-0")} NOLOGIN; SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{Login("doomed-0")}';");

        await WaitUntilAsync(() =>
            ClusterLog.Runs(_run, "hang").Any(r => r.Recovering && r.Node.StartsWith("survivor", StringComparison.Ordinal))
            && ClusterLog.Runs(_run, "tick").Any(r => r.StartedAt > killedAt.AddSeconds(1) && r.Node.StartsWith("survivor", StringComparison.Ordinal)));
        Assert.NotEmpty(survivors);
        var ticksAfter = ClusterLog.Runs(_run, "tick").Where(r => r.StartedAt > killedAt).Select(r => r.ScheduledFireTimeUtc).ToList();
        Assert.Equal(ticksAfter.Count, ticksAfter.Distinct().Count());
    }

    private async Task<List<IScheduler>> StartNodesAsync(int count, string prefix = "node")
    {
        var options = new SchedulingOptions { ClusterCheckinInterval = TimeSpan.FromSeconds(1) };
        var started = new List<IScheduler>();
        for (var i = 0; i < count; i++)
        {
            var node = $"{prefix}-{i}";
            var login = Login(node);
            Execute(server.ConnectionString("postgres"), $"CREATE ROLE {login} LOGIN IN ROLE fleet_app;");
            var connectionString = new NpgsqlConnectionStringBuilder(_owner) { Username = login }.ConnectionString;
            var factory = QuartzSchedulerBuilder
                .Create(quartz => FleetQuartz.Configure(quartz, options, SchedulerDatabase.Postgres(connectionString), node))
                .Build();
            var scheduler = await factory.GetScheduler();
            _nodes.Add((scheduler, factory));
            await scheduler.Start();
            started.Add(scheduler);
        }

        return started;
    }

    private string Login(string node) => $"q_{_run[..10]}_{node.Replace('-', '_')}";

    private IJobDetail Job<T>(string name, bool recover = false)
        where T : IJob =>
        JobBuilder.Create<T>().WithIdentity(name, _run).UsingJobData("run", _run).RequestRecovery(recover).Build();

    private ITrigger EverySecond(string name, DateTimeOffset start) =>
        TriggerBuilder.Create().WithIdentity(name, _run).StartAt(start)
            .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(1)).RepeatForever())
            .Build();

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "the cluster did not get there in time");
            await Task.Delay(200);
        }
    }

    /// <summary>One execution, as a job saw it.</summary>
    public sealed record ClusterRun(string Job, string Node, DateTimeOffset? ScheduledFireTimeUtc, bool Recovering, DateTimeOffset StartedAt)
    {
        public DateTimeOffset? EndedAt { get; set; }
    }

    /// <summary>What the test jobs did, by test run (jobs are built by Quartz, so they report through a static).</summary>
    public static class ClusterLog
    {
        private static readonly ConcurrentDictionary<string, ConcurrentQueue<ClusterRun>> Log = new();

        public static ClusterRun Record(IJobExecutionContext context)
        {
            var run = new ClusterRun(
                context.JobDetail.Key.Name, context.Scheduler.SchedulerInstanceId, context.ScheduledFireTimeUtc, context.Recovering, DateTimeOffset.UtcNow);
            Log.GetOrAdd(context.JobDetail.JobDataMap.GetString("run")!, _ => new()).Enqueue(run);
            return run;
        }

        public static IReadOnlyList<ClusterRun> Runs(string run, string job) =>
            Log.TryGetValue(run, out var runs) ? [.. runs.Where(r => r.Job == job)] : [];

        public static void Forget(string run) => Log.TryRemove(run, out _);
    }

    public sealed class RecordingJob : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            ClusterLog.Record(context).EndedAt = DateTimeOffset.UtcNow;
            return ValueTask.CompletedTask;
        }
    }

    [DisallowConcurrentExecution]
    public sealed class SlowNonConcurrentJob : IJob
    {
        public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            var run = ClusterLog.Record(context);
            await Task.Delay(TimeSpan.FromMilliseconds(700), CancellationToken.None);
            run.EndedAt = DateTimeOffset.UtcNow;
        }
    }

    public sealed class HangingJob : IJob
    {
        public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            var run = ClusterLog.Record(context);
            if (!context.Recovering)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            run.EndedAt = DateTimeOffset.UtcNow;
        }
    }
}
