using System.CommandLine;
using System.Globalization;
using AutomationFleet.Worker.Cli.Bench;
using Spectre.Console;

namespace AutomationFleet.Worker.Cli.Commands;

/// <summary>
/// <c>fleet bench inbound-post</c>: scan pages per second through the inbound-post bot in the real host, against the
/// <c>tesseract</c> command on the same pages (page by page, and as many single-thread processes at once as the bot
/// has engines: the fair peer), where the bot's time goes stage by stage, and the classifier's rate on extracted text.
/// </summary>
public static class BenchInboundPostCommand
{
    private const int ClassificationDocuments = 10_000;

    public static Command Create(CliCommand cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var pages = new Option<string?>("--pages")
        {
            Description = "A folder of scans (.tif, .tiff, .png, .jpg, .jpeg); default: shared/data/ocr and samples/letters, found upwards from here.",
            HelpName = "DIR",
        };
        var copies = new Option<int>("--copies") { Description = "Enqueue each page this many times, under different references.", DefaultValueFactory = _ => 1, HelpName = "N" };
        var consumers = new Option<int>("--consumers") { Description = "The host's consumer loops on queue inbound-post.", DefaultValueFactory = _ => 2, HelpName = "C" };
        var keep = new Option<bool>("--keep") { Description = "Keep the temporary folder (database, blobs, model, outbox, host log)." };
        var cold = new Option<bool>("--cold") { Description = "Time the bot from a freshly started host, without first running one warm-up item per consumer." };

        var command = new Command(
            "inbound-post",
            "OCR pages/s through the inbound-post bot in the real host (fresh SQLite file) against the tesseract command page by page and in parallel; the bot's time per stage; classification docs/s.")
        {
            pages, copies, consumers, keep, cold,
        };
        cli.SetAction(command, async (parse, cancellationToken) =>
        {
            var files = PagesFrom(parse.GetValue(pages));
            var settings = new InboundPostBenchmarkSettings(
                files, parse.GetValue(copies), parse.GetValue(consumers), ClassificationDocuments, TimeSpan.FromMinutes(3), WarmUp: !parse.GetValue(cold));
            var failures = settings.Validate();
            if (failures.Count > 0)
            {
                throw new CliException(string.Join(" ", failures));
            }

            var work = Directory.CreateTempSubdirectory("fleet-bench-post-").FullName;
            var explicitPath = parse.GetValue(cli.Globals.Db);
            var path = Path.GetFullPath(explicitPath ?? Path.Combine(work, "fleet.db"));
            try
            {
                if (File.Exists(path))
                {
                    throw new CliException($"The benchmark needs a fresh database, and '{path}' exists; delete it or choose another --db.");
                }

                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                var benchmark = new InboundPostBenchmark(
                    settings, work, path, parse.GetValue(cli.Globals.Config), new TesseractCommand(), TimeProvider.System);
                var report = await RunAsync(cli, parse, benchmark, settings, cancellationToken);
                return report.Verified ? ExitCodes.Success : ExitCodes.Failure;
            }
            finally
            {
                if (!parse.GetValue(keep))
                {
                    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                    Directory.Delete(work, recursive: true);
                }
                else
                {
                    await cli.Console.Error.WriteLineAsync($"fleet: kept {work}");
                }
            }
        });
        return command;
    }

    private static List<string> PagesFrom(string? folder)
    {
        if (folder is null)
        {
            var found = BenchInputs.DefaultPages();
            return found.Count > 0
                ? [.. found]
                : throw new CliException("No default pages: neither shared/data/ocr nor samples/letters was found upwards from here; pass --pages DIR.");
        }

        var full = Path.GetFullPath(folder);
        return Directory.Exists(full)
            ? [.. BenchInputs.ScansIn(full)]
            : throw new CliException($"The pages folder '{full}' does not exist.");
    }

    private static async Task<InboundPostBenchmarkReport> RunAsync(
        CliCommand cli, ParseResult parse, InboundPostBenchmark benchmark, InboundPostBenchmarkSettings settings, CancellationToken cancellationToken)
    {
        InboundPostBenchmarkReport report;
        if (cli.IsJson(parse))
        {
            report = await benchmark.RunAsync(cancellationToken);
            await cli.Console.WriteJsonAsync(report);
            return report;
        }

        cli.Console.Ansi.MarkupLine(Markup.Escape(
            $"Inbound-post benchmark: {settings.Pages.Count} scan file(s) x {settings.Copies} cop(ies) = {settings.Items} item(s), "
            + $"{settings.Consumers} consumer(s), {Environment.ProcessorCount} core(s), load average {InboundPostBenchmark.LoadAverage() ?? "n/a"}"));
        report = await cli.Console.Ansi.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var tasks = benchmark.Phases.Select(p => (Phase: p, Task: context.AddTask(p.Name, autoStart: true, maxValue: p.Total))).ToList();
                var run = benchmark.RunAsync(cancellationToken);
                while (!run.IsCompleted)
                {
                    Update(tasks);
                    await Task.WhenAny(run, Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken));
                }

                Update(tasks);
                return await run;
            });
        Print(cli.Console.Ansi, report);
        return report;
    }

    private static void Update(List<(BenchPhaseProgress Phase, ProgressTask Task)> tasks)
    {
        foreach (var (phase, task) in tasks)
        {
            task.Value = phase.Done;
        }
    }

    private static void Print(IAnsiConsole console, InboundPostBenchmarkReport report)
    {
        static string N(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

        var table = Render.Table("Inbound-post benchmark", "Measure", "Pages", "Seconds", "Rate");
        var bot = report.Bot;
        table.AddRow(
            Render.Cell($"bot, end to end ({report.Consumers} consumer(s), {report.OcrEngines} OCR engine(s); process CPU {N(bot.CpuSeconds, "0.00")} s; "
                + (bot.WarmUpSeconds > 0 ? $"after a {N(bot.WarmUpSeconds, "0.00")} s warm-up)" : "cold host)")),

            Render.Cell(bot.Pages), Render.Cell(N(bot.Seconds, "0.00")), Render.Cell(N(bot.PagesPerSecond, "0.000") + " pages/s"));
        foreach (var command in new[] { report.TesseractSingleThread, report.TesseractParallel, report.TesseractDefaultThreads })
        {
            table.AddRow(
                Render.Cell(command == report.TesseractParallel ? $"tesseract command, {command.Mode}" : $"tesseract command, page by page, {command.Mode}"),
                Render.Cell(command.Pages), Render.Cell(N(command.Seconds, "0.00")), Render.Cell(N(command.PagesPerSecond, "0.000") + " pages/s"));
        }

        var classification = report.Classification;
        table.AddRow(
            Render.Cell($"classify extracted text ({classification.DistinctTexts} text(s), mean {N(classification.MeanCharacters, "0")} chars)"),
            Render.Cell(classification.Documents), Render.Cell(N(classification.Seconds, "0.000")),
            Render.Cell(N(classification.DocumentsPerSecond, "N0") + " docs/s"));
        console.Write(table);

        var stages = Render.Table("Where the bot's time went (wall time summed over items; two consumers overlap)", "Stage", "Runs", "Seconds", "Mean ms");
        foreach (var stage in report.Stages)
        {
            stages.AddRow(
                Render.Cell(new string(' ', 2 * stage.Depth) + stage.Stage), Render.Cell(stage.Count),
                Render.Cell(N(stage.Seconds, "0.000")), Render.Cell(N(stage.MeanMilliseconds, "0.0")));
        }

        console.Write(stages);
        console.MarkupLine(Markup.Escape(
            $"Bot over tesseract command: {N(report.SpeedupOverParallel, "0.00")}x ({report.TesseractParallel.Mode}: the fair peer), "
            + $"{N(report.SpeedupOverSingleThread, "0.00")}x (page by page, OMP_THREAD_LIMIT=1), "
            + $"{N(report.SpeedupOverDefaultThreads, "0.00")}x (page by page, default threads). {report.TesseractVersion}. "

            + $"Load average {report.LoadAverageAtStart ?? "n/a"} at start, {report.LoadAverageAtEnd ?? "n/a"} at end."));
        if (report.Verified)
        {
            console.MarkupLine(Markup.Escape(
                $"Verified: all {report.Items} item(s) settled: {bot.Completed} Completed, {bot.NeedsReview} NeedsReview; none lost."));
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
