using System.CommandLine;
using System.Globalization;
using AutomationFleet.Storage.Sqlite;
using AutomationFleet.Worker.Cli.Bench;
using Spectre.Console;

namespace AutomationFleet.Worker.Cli.Commands;

/// <summary><c>fleet bench queue</c>: the work queue's throughput and latency on a fresh SQLite file.</summary>
public static class BenchCommand
{
    public static Command Create(CliCommand cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var items = new Option<int>("--items") { Description = "Items per phase.", DefaultValueFactory = _ => 20_000, HelpName = "N" };
        var consumers = new Option<int>("--consumers") { Description = "Concurrent consumers.", DefaultValueFactory = _ => 2, HelpName = "C" };
        var producers = new Option<int>("--producers") { Description = "Concurrent enqueuers.", DefaultValueFactory = _ => 1, HelpName = "P" };
        var batchSize = new Option<int>("--batch-size") { Description = "Items per lease call.", DefaultValueFactory = _ => 64, HelpName = "N" };
        var synchronous = new Option<string>("--synchronous")
        {
            Description = "SQLite synchronous setting.",
            DefaultValueFactory = _ => "normal",
        };
        synchronous.AcceptOnlyFromAmong("normal", "full");
        var keep = new Option<bool>("--keep") { Description = "Keep the temporary database (when --db is not given)." };

        var queue = new Command("queue", "Enqueue, lease+complete and end-to-end latency on a fresh SQLite file; verifies nothing is lost or done twice.")
        {
            items, consumers, producers, batchSize, synchronous, keep,
        };
        cli.SetAction(queue, async (parse, cancellationToken) =>
        {
            var settings = new QueueBenchmarkSettings(
                parse.GetValue(items), parse.GetValue(consumers), parse.GetValue(producers), parse.GetValue(batchSize),
                TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(15));
            var failures = settings.Validate();
            if (failures.Count > 0)
            {
                throw new CliException(string.Join(" ", failures));
            }

            var mode = Enum.Parse<SqliteSynchronousMode>(parse.GetValue(synchronous)!, ignoreCase: true);
            var explicitPath = parse.GetValue(cli.Globals.Db);
            var temporary = explicitPath is null ? Directory.CreateTempSubdirectory("fleet-bench-").FullName : null;
            var path = Path.GetFullPath(explicitPath ?? Path.Combine(temporary!, "bench.db"));
            if (File.Exists(path))
            {
                throw new CliException($"The benchmark needs a fresh database, and '{path}' exists; delete it or choose another --db.");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            try
            {
                var report = await RunAsync(cli, parse, settings, mode, path, cancellationToken);
                return report.Verified ? ExitCodes.Success : ExitCodes.Failure;
            }
            finally
            {
                if (temporary is not null && !parse.GetValue(keep))
                {
                    Directory.Delete(temporary, recursive: true);
                }
            }
        });

        return new Command("bench", "Benchmarks.") { queue, BenchInboundPostCommand.Create(cli) };
    }

    private static async Task<QueueBenchmarkReport> RunAsync(
        CliCommand cli, ParseResult parse, QueueBenchmarkSettings settings, SqliteSynchronousMode mode, string path,
        CancellationToken cancellationToken)
    {
        var options = new SqliteStoreOptions { Path = path, Synchronous = mode };
        QueueBenchmarkReport report;
        await using (var store = new SqliteFleetStore(options, TimeProvider.System))
        {
            await store.InitializeAsync(cancellationToken);
            var benchmark = new QueueBenchmark(store, TimeProvider.System, settings);
            var synchronous = mode.ToString().ToLowerInvariant();
            if (cli.IsJson(parse))
            {
                report = await benchmark.RunAsync(synchronous, path, cancellationToken);
            }
            else
            {
                cli.Console.Ansi.MarkupLine(Markup.Escape(
                    $"Queue benchmark: {settings.Items} items, {settings.Consumers} consumer(s), {settings.Producers} producer(s), "
                    + $"batch {settings.BatchSize}, synchronous={synchronous}, {Environment.ProcessorCount} core(s), {path}"));
                report = await cli.Console.Ansi.Progress()
                    .AutoClear(false)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .StartAsync(async context =>
                    {
                        var tasks = benchmark.Phases.Select(p => (Phase: p, Task: context.AddTask(p.Name, autoStart: true, maxValue: p.Total))).ToList();
                        var run = benchmark.RunAsync(synchronous, path, cancellationToken);
                        while (!run.IsCompleted)
                        {
                            Update(tasks);
                            await Task.WhenAny(run, Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken));
                        }

                        Update(tasks);
                        return await run;
                    });
            }
        }

        if (cli.IsJson(parse))
        {
            await cli.Console.WriteJsonAsync(report);
        }
        else
        {
            Print(cli.Console.Ansi, report);
        }

        return report;
    }

    private static void Update(List<(BenchPhaseProgress Phase, ProgressTask Task)> tasks)
    {
        foreach (var (phase, task) in tasks)
        {
            task.Value = phase.Done;
        }
    }

    private static void Print(IAnsiConsole console, QueueBenchmarkReport report)
    {
        static string Rate(double value) => value.ToString("N0", CultureInfo.InvariantCulture) + " items/s";
        static string Millis(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

        var table = Render.Table("Queue benchmark", "Measure", "Value");
        table.AddRow(Render.Cell("enqueue (empty queue)"), Render.Cell(Rate(report.EnqueueItemsPerSecond)));
        table.AddRow(Render.Cell("lease+complete (backlog, no-op bot)"), Render.Cell(Rate(report.LeaseCompleteItemsPerSecond)));
        table.AddRow(Render.Cell("enqueue and consume together"), Render.Cell(Rate(report.LiveItemsPerSecond)));
        table.AddRow(Render.Cell("latency enqueue→completed p50"), Render.Cell(Millis(report.LatencyP50Milliseconds)));
        table.AddRow(Render.Cell("latency enqueue→completed p99"), Render.Cell(Millis(report.LatencyP99Milliseconds)));
        table.AddRow(Render.Cell("latency enqueue→completed max"), Render.Cell(Millis(report.LatencyMaxMilliseconds)));
        table.AddRow(Render.Cell("lost"), Render.Cell(report.Lost));
        table.AddRow(Render.Cell("duplicated"), Render.Cell(report.Duplicated));
        console.Write(table);
        if (report.Verified)
        {
            console.MarkupLine(Markup.Escape(
                $"Verified: all {2 * report.Items} items Completed exactly once (state counts and audit trails); none lost."));
        }
        else
        {
            foreach (var problem in report.Problems)
            {
                console.MarkupLine("[red]" + Markup.Escape(problem) + "[/]");
            }
        }
    }
}
