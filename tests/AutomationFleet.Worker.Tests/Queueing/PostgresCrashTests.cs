using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using AutomationFleet.Storage.Tests.Postgres;
using Npgsql;
using Xunit.Abstractions;

namespace AutomationFleet.Worker.Tests.Queueing;

/// <summary>
/// Issue 12's crash test on PostgreSQL: four worker processes, one of them killed with SIGKILL every one to two seconds
/// and started again, and the server itself restarted (<c>pg_ctl restart -m immediate</c>) once mid-run. Every item
/// ends final, none is lost, no side effect happens twice, and each worker reports the lost connection once and recovers.
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresCrashTests(PostgresServer server, ITestOutputHelper output)
{
    private const string Queue = "crash-test";
    private const int Slots = 4;
    private const string LeaseLost = "Leasing from queue crash-test failed; trying again";
    private const string Recovered = "Leasing from queue crash-test works again";
    private const string ListenerLost = "Lost the wake-up connection to PostgreSQL";
    private const string Restored = "Wake-up connection to PostgreSQL restored";

    // The issue's count. Measured on the shared 2-core machine at load average 14–40 (other builds running): 3.0 and 6.4
    // minutes in two runs, 101 and 205 kills. Most of the time is the kills: a killed process's successor spends seconds starting up.
    private const int Items = 20_000;

    // A guard against a hang, not a timing: about three times the slowest run seen.
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(20);

    [Fact]
    public async Task FourWorkersKilledAtRandomAndServerRestarted_EveryItemFinalNothingLostNothingTwice()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var directory = Directory.CreateTempSubdirectory("af-pg-crash-").FullName;
        // One letter log per process (each appends only to its own, so no two processes write at one offset), read
        // together at the end.
        var letters = Directory.CreateDirectory(Path.Combine(directory, "letters")).FullName;
        Directory.CreateDirectory(Path.Combine(directory, "config"));
        // Seeded in one statement (no enqueue audit rows): 20,000 enqueues one by one would time the seeding.
        // Every 500th item holds its letter step open for a second, so some kills land mid-step.
        await ExecuteAsync(connectionString, $$"""
            INSERT INTO work_items (queue, reference, payload_json, attachments_json, priority, due_at, state, attempts, created_at, updated_at)
            SELECT '{{Queue}}', 'PG-' || lpad(i::text, 6, '0'), '{"n":' || i || ',"hold":' || (i % 500 = 250)::text || '}', '[]', 0, NULL, 0, 0, 0, 0
              FROM generate_series(1, {{Items}}) AS i;
            ANALYZE work_items;
            """);

        var random = new Random(12);
        var workers = new Worker[Slots];
        var all = new List<Worker>();
        var kills = 0;
        var restartedServer = false;
        List<Worker> atRestart = [];
        var watch = Stopwatch.StartNew();
        try
        {
            for (var slot = 0; slot < Slots; slot++)
            {
                workers[slot] = Worker.Start(directory, connectionString, letters, $"pg-{slot}-0");
                all.Add(workers[slot]);
            }

            var nextKill = TimeSpan.FromSeconds(3);
            while (true)
            {
                await Task.Delay(200);
                Assert.True(watch.Elapsed < GiveUpAfter, $"Not finished after {watch.Elapsed}: {await FinalAsync(connectionString)} final.");
                foreach (var worker in workers)
                {
                    Assert.False(worker.Process.HasExited, $"Worker {worker.Id} exited on its own (crash loop?) with {worker.ExitCode}:\n{worker.Tail()}");
                }

                var final = await FinalAsync(connectionString);
                if (final == Items)
                {
                    break;
                }

                if (!restartedServer && final >= Items * 2 / 5)
                {
                    // Every worker up for a while, so each has connections to lose.
                    atRestart = [.. workers];
                    await WaitUntilAsync(() => atRestart.All(w => w.Age > TimeSpan.FromSeconds(3)), TimeSpan.FromSeconds(30));
                    output.WriteLine($"{watch.Elapsed}: pg_ctl restart -m immediate at {final} final");
                    await server.RestartImmediateAsync();
                    NpgsqlConnection.ClearAllPools();
                    restartedServer = true;
                    output.WriteLine($"{watch.Elapsed}: server back");
                    nextKill = watch.Elapsed + TimeSpan.FromSeconds(1);
                    continue;
                }

                if (watch.Elapsed >= nextKill)
                {
                    // Only a worker up for three seconds, so every process gets to make progress.
                    var candidates = Enumerable.Range(0, Slots).Where(s => workers[s].Age > TimeSpan.FromSeconds(3)).ToList();
                    if (candidates.Count > 0)
                    {
                        var slot = candidates[random.Next(candidates.Count)];
                        await workers[slot].KillAsync();
                        kills++;
                        workers[slot] = Worker.Start(directory, connectionString, letters, $"pg-{slot}-{kills}", await RemainingAsync(connectionString));
                        all.Add(workers[slot]);
                    }

                    nextKill = watch.Elapsed + TimeSpan.FromMilliseconds(1000 + random.Next(1000));
                }
            }
        }
        finally
        {
            foreach (var worker in workers.Where(w => w is not null))
            {
                await worker.KillAsync();
            }
        }

        var elapsed = watch.Elapsed;
        var depthSql = $"SELECT state || ':' || count(*) FROM work_items WHERE queue = '{Queue}' GROUP BY state ORDER BY state";
        var depth = await QueryAsync(connectionString, depthSql);
        output.WriteLine($"{Items} items, {all.Count} processes, {kills} kills, 1 server restart, {elapsed}; states {string.Join(", ", depth)}");
        // Every worker is dead: nothing may change any more (a change now would be a write nobody is accountable for).
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(depth, await QueryAsync(connectionString, depthSql));

        Assert.True(restartedServer);
        // None lost, every one final: Completed, NeedsReview (a letter cut off mid-step) or DeadLettered.
        Assert.Equal(Items, await ScalarAsync(connectionString, $"SELECT count(*) FROM work_items WHERE queue = '{Queue}'"));
        Assert.Equal(Items, await FinalAsync(connectionString));
        // No item completed twice, no side effect recorded twice, no letter written twice.
        Assert.Equal(0, await ScalarAsync(connectionString, "SELECT count(*) FROM (SELECT item_id FROM audit_log WHERE to_state = 2 GROUP BY item_id HAVING count(*) > 1) AS twice"));
        Assert.Equal(0, await ScalarAsync(connectionString, "SELECT count(*) FROM (SELECT key FROM side_effects GROUP BY key HAVING count(*) > 1) AS twice"));
        // A second START for a key is a second attempt at a side effect, even if it never finished.
        var lines = Directory.GetFiles(letters, "*.log").SelectMany(File.ReadAllLines).ToList();
        var done = lines.Where(l => l.StartsWith("DONE ", StringComparison.Ordinal)).ToList();
        Assert.Equal(done.Count, done.Distinct(StringComparer.Ordinal).Count());
        var started = lines.Where(l => l.StartsWith("START ", StringComparison.Ordinal)).ToList();
        Assert.Equal(started.Count, started.Distinct(StringComparer.Ordinal).Count());
        // Every letter the ledger records as done has its DONE line: no line was lost between the processes' logs.
        var doneKeys = done.Select(l => l["DONE ".Length..]).ToHashSet(StringComparer.Ordinal);
        var ledgerDone = await QueryAsync(connectionString, "SELECT key FROM side_effects WHERE step = 'letter' AND status = 1");
        var withoutLine = ledgerDone.Where(key => !doneKeys.Contains(key)).ToList();
        Assert.True(withoutLine.Count == 0, "Letters done in the ledger without a DONE line: " + string.Join(", ", withoutLine.Take(5)));
        var completed = await ScalarAsync(connectionString, $"SELECT count(*) FROM work_items WHERE queue = '{Queue}' AND state = 2");
        var withoutHandoff = await QueryAsync(connectionString, $"""
            SELECT w.reference || ': ' || coalesce((SELECT string_agg(a.actor || ' ' || coalesce(a.from_state::text, '-') || '>' || a.to_state || ' ' || a.reason, ' | ' ORDER BY a.id) FROM audit_log a WHERE a.item_id = w.id), '')
                   || ' || ledger: ' || coalesce((SELECT string_agg(s.step || '=' || s.status, ', ') FROM side_effects s WHERE s.item_id = w.id), '')
              FROM work_items w
             WHERE w.queue = '{Queue}' AND w.state = 2 AND NOT EXISTS (SELECT 1 FROM work_items o WHERE o.reference = w.reference || '>crash-test-out')
            """);
        Assert.True(withoutHandoff.Count == 0, "Completed without their hand-off:\n" + string.Join('\n', withoutHandoff));
        Assert.Equal(completed, await ScalarAsync(connectionString, $"SELECT count(*) FROM side_effects s JOIN work_items w ON w.id = s.item_id WHERE w.queue = '{Queue}' AND w.state = 2 AND s.step = 'letter' AND s.status = 1"));
        Assert.True(completed >= Items * 9 / 10, $"Only {completed} of {Items} completed.");

        // A worker up at the restart that noticed it (a busy one may have had nothing in flight with the server during
        // the outage; the idle-worker test in PostgresQueueConsumerTests proves the report itself) said so once, then
        // recovered; none crash-looped (checked every 200 ms above).
        var reported = atRestart.Where(w => w.Count(LeaseLost) + w.Count(ListenerLost) > 0).ToList();
        output.WriteLine($"{reported.Count} of {atRestart.Count} workers up at the restart reported the lost connection");
        Assert.All(reported, w =>
        {
            Assert.InRange(w.Count(LeaseLost), 0, 1);
            Assert.InRange(w.Count(ListenerLost), 0, 1);
            Assert.True(w.Saw(Recovered) || w.Saw(Restored), $"Worker {w.Id} reported no recovery:\n{w.Tail()}");
        });
        // Every process that lived 30 s while work remained made progress (completed at least one item): none sat in a
        // loop of failing starts. (One killed a few seconds after it started, while it was still starting, cannot; at load
        // average 30 a sound process took over 10 s from its start to its first completion.)
        foreach (var worker in all.Where(w => w.RemainingAtStart > Items / 10 && w.Age >= TimeSpan.FromSeconds(30)))
        {
            var progress = await ScalarAsync(connectionString, $"SELECT count(*) FROM audit_log WHERE actor = 'worker:{worker.Id}' AND to_state = 2");
            Assert.True(progress > 0, $"Worker {worker.Id} completed nothing:\n{worker.Tail()}");
        }
    }

    private static Task<long> FinalAsync(string connectionString) =>
        ScalarAsync(connectionString, $"SELECT count(*) FROM work_items WHERE queue = '{Queue}' AND state IN (2, 3, 4, 6, 7)", retry: true);

    private static async Task<long> RemainingAsync(string connectionString) => Items - await FinalAsync(connectionString);

    private static async Task<long> ScalarAsync(string connectionString, string sql, bool retry = false)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand(sql, connection);
                return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            }
            catch (NpgsqlException) when (retry && attempt < 50)
            {
                // The test's own connection to a server that is restarting.
                await Task.Delay(200);
            }
        }
    }

    private static async Task<List<string>> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < timeout, $"Timed out after {timeout}.");
            await Task.Delay(100);
        }
    }

    /// <summary>One crash-test worker process and its console output.</summary>
    private sealed class Worker
    {
        private readonly ConcurrentQueue<string> _lines = new();
        private readonly Stopwatch _age = Stopwatch.StartNew();
        private bool _killed;

        private Worker(string id, Process process, long remainingAtStart)
        {
            Id = id;
            Process = process;
            RemainingAtStart = remainingAtStart;
        }

        public string Id { get; }

        public Process Process { get; }

        public long RemainingAtStart { get; }

        public TimeSpan Age => _age.Elapsed;

        public string ExitCode => Process.HasExited ? Process.ExitCode.ToString(CultureInfo.InvariantCulture) : "-";

        public static Worker Start(string directory, string connectionString, string letters, string id, long remainingAtStart = Items)
        {
            var dll = Path.Combine(CrashTests.CrashWorkerDirectory(), "AutomationFleet.CrashTestWorker.dll");
            Assert.True(File.Exists(dll), $"Crash-test worker not built at {dll}.");
            var info = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
                     {
                         dll, "--config", Path.Combine(directory, "config"),
                         "--Store:Provider", "postgres",
                         "--Store:ConnectionString", connectionString,
                         "--Store:BlobDirectory", Path.Combine(directory, "blobs"),
                         "--Worker:WorkerId", id,
                         "--Worker:LeaseDuration", "00:00:03",
                         "--Worker:HeartbeatInterval", "00:00:01",
                         "--Worker:LogDirectory", Path.Combine(directory, "logs", id),
                         "--Queues:crash-test:Concurrency", "4",
                         "--Queues:crash-test:BatchSize", "10",
                         "--Queues:crash-test:PollInterval", "00:00:01",
                         "--Queues:crash-test:MaxAttempts", "50",
                         "--Queues:crash-test:BaseDelay", "00:00:00.2",
                         "--Queues:crash-test:MaxDelay", "00:00:02",
                         "--CrashTest:Log", Path.Combine(letters, id + ".log"),
                         "--CrashTest:Hold", "00:00:01",
                         "--Serilog:MinimumLevel:Default", "Warning",
                         "--Serilog:MinimumLevel:Override:AutomationFleet.Storage", "Information",
                     })
            {
                info.ArgumentList.Add(arg);
            }

            var process = Process.Start(info)!;
            var worker = new Worker(id, process, remainingAtStart);
            process.OutputDataReceived += (_, e) => worker.Add(e.Data);
            process.ErrorDataReceived += (_, e) => worker.Add(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return worker;
        }

        public bool Saw(string text) => _lines.Any(l => l.Contains(text, StringComparison.Ordinal));

        public int Count(string text) => _lines.Count(l => l.Contains(text, StringComparison.Ordinal));

        public string Tail() => string.Join('\n', _lines.TakeLast(40));

        public async Task KillAsync()
        {
            if (_killed)
            {
                return;
            }

            _killed = true;
            _age.Stop(); // from here Age is how long the process lived
            Process.Kill();
            await Process.WaitForExitAsync();
            Process.Dispose();
        }

        private void Add(string? line)
        {
            if (line is not null)
            {
                _lines.Enqueue(line);
            }
        }
    }
}
