using System.Diagnostics;
using System.Globalization;

using System.Text.Json;
using AutomationFleet.Bots.InboundPost;
using AutomationFleet.Bots.InboundPost.Classification;
using AutomationFleet.Bots.InboundPost.Model;
using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Documents.Ocr;
using AutomationFleet.Worker.Hosting;
using AutomationFleet.Worker.Inbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Worker.Cli.Bench;

/// <summary>
/// OCR pages per second through the inbound-post bot, end to end, against the <c>tesseract</c> command on the same
/// pages, and the classifier's rate on extracted text. The bot's part starts the real fleet host (<see cref="FleetHost"/>:
/// the same queue consumers, <c>BotRunner</c>, <see cref="InboundPostBot"/>, engine pool and route steps as
/// <c>fleet run</c>) over a fresh SQLite file and temp folders, enqueues every page as an inbox-like item onto
/// <c>inbound-post</c>, and waits until every item has settled; then it checks that each one ended Completed or
/// NeedsReview. The host is stopped before the <c>tesseract</c> runs, so neither competes with the other. The command
/// runs page by page (one process at a time, one and default OpenMP threads) and as an administrator would run it on
/// this machine, as many single-thread processes at once as the bot reads pages at once (consumers, at most its engines)
/// (<c>ls pages | OMP_THREAD_LIMIT=1 xargs -P2 -I{} tesseract {} -</c> on 2 cores): the fair peer.
/// While the bot runs, <see cref="StageTimings"/> adds up where its time goes.
/// </summary>
public sealed class InboundPostBenchmark
{
    public const string Queue = InboundPostBot.BotName;
    public const string ReferencePrefix = "bench-post:";
    public const string WarmUpPrefix = "bench-post-warm-up:";

    private const string Actor = "bench";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan QuietWindow = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan QuietTimeout = TimeSpan.FromSeconds(15);

    private static readonly WorkItemState[] Unsettled = [WorkItemState.New, WorkItemState.InProgress, WorkItemState.Retrying];

    private readonly InboundPostBenchmarkSettings _settings;
    private readonly string _workDirectory;
    private readonly string _databasePath;
    private readonly string? _configDirectory;
    private readonly TesseractCommand _tesseract;
    private readonly TimeProvider _timeProvider;

    /// <param name="settings">Pages, copies, consumers.</param>
    /// <param name="workDirectory">An empty folder for the host's model, outbox and logs.</param>
    /// <param name="databasePath">A database file that does not exist yet.</param>
    /// <param name="configDirectory">The fleet's configuration folder (<c>--config</c>), or null for the usual search.</param>
    /// <param name="tesseract">The command to compare with.</param>
    /// <param name="timeProvider">Clock for the measurements.</param>
    public InboundPostBenchmark(
        InboundPostBenchmarkSettings settings,
        string workDirectory,
        string databasePath,
        string? configDirectory,
        TesseractCommand tesseract,
        TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _workDirectory = workDirectory;
        _databasePath = databasePath;
        _configDirectory = configDirectory;
        _tesseract = tesseract;
        _timeProvider = timeProvider;
        Bot = new BenchPhaseProgress("inbound-post bot (items settled)", settings.Items);
        CommandSingleThread = new BenchPhaseProgress("tesseract command, OMP_THREAD_LIMIT=1", settings.Items);
        CommandParallel = new BenchPhaseProgress("tesseract command, OMP_THREAD_LIMIT=1, processes at once", settings.Items);
        CommandDefaultThreads = new BenchPhaseProgress("tesseract command, default threads", settings.Items);
        Classify = new BenchPhaseProgress($"classify {settings.ClassificationDocuments:N0}+ texts", 1);
    }

    public BenchPhaseProgress Bot { get; }

    public BenchPhaseProgress CommandSingleThread { get; }

    public BenchPhaseProgress CommandParallel { get; }

    public BenchPhaseProgress CommandDefaultThreads { get; }

    public BenchPhaseProgress Classify { get; }

    public IReadOnlyList<BenchPhaseProgress> Phases => [Bot, CommandSingleThread, CommandParallel, CommandDefaultThreads, Classify];

    /// <summary>The 1, 5 and 15 minute load averages from <c>/proc/loadavg</c>, or null where there is none.</summary>
    public static string? LoadAverage()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields.Length >= 3 ? string.Join(' ', fields.Take(3)) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public async Task<InboundPostBenchmarkReport> RunAsync(CancellationToken cancellationToken)
    {
        // Fail before the long part when the command to compare with is missing.
        var version = await _tesseract.VersionAsync(cancellationToken);
        var loadAtStart = LoadAverage();
        var problems = new List<string>();

        var bot = await RunBotAsync(problems, cancellationToken);

        var texts = new List<string>();
        var single = await RunCommandAsync(singleThread: true, bot.Run.Pages, CommandSingleThread, texts, cancellationToken);
        // As many processes at once as the bot reads pages at once: its consumers, each on an engine of its own.
        var parallel = await RunParallelCommandAsync(Math.Min(_settings.Consumers, bot.OcrEngines), bot.Run.Pages, cancellationToken);
        var threaded = await RunCommandAsync(singleThread: false, bot.Run.Pages, CommandDefaultThreads, texts: null, cancellationToken);

        var classification = RunClassification(bot.ModelPath, texts);
        Classify.Advance();

        return new InboundPostBenchmarkReport(
            _settings.Pages.Count,
            _settings.Copies,
            _settings.Items,
            _settings.Consumers,
            bot.OcrEngines,
            Environment.ProcessorCount,
            loadAtStart,
            LoadAverage(),
            version,
            bot.Run,
            single,
            parallel,
            threaded,
            Ratio(bot.Run.PagesPerSecond, single.PagesPerSecond),
            Ratio(bot.Run.PagesPerSecond, parallel.PagesPerSecond),
            Ratio(bot.Run.PagesPerSecond, threaded.PagesPerSecond),
            bot.Stages,
            classification,
            problems);
    }

    /// <summary>A rate or ratio; 0 rather than NaN or infinity when there is nothing to divide by (JSON has no NaN).</summary>
    private static double Ratio(double numerator, double denominator) => denominator > 0 ? numerator / denominator : 0;

    private Dictionary<string, string?> HostSettings(ConfigurationManager loaded)
    {
        var defaults = new InboundPostOptions();
        string Required(string key, string fallback)
        {
            var configured = loaded[$"{InboundPostOptions.SectionName}:{key}"] ?? fallback;
            return BenchInputs.Resolve(configured)
                ?? throw new CliException(
                    $"The inbound-post bot's {InboundPostOptions.SectionName}:{key} '{configured}' was not found "
                    + "(from the working directory or any parent); run from the repository or pass --config.");
        }

        var logs = Path.Combine(_workDirectory, "logs");
        return new Dictionary<string, string?>
        {
            ["Store:Path"] = _databasePath,
            ["Worker:LogDirectory"] = logs,
            ["Inbox:Enabled"] = "false",
            [$"{InboundPostOptions.SectionName}:Enabled"] = "true",
            [$"{InboundPostOptions.SectionName}:TrainIfMissing"] = "true",
            [$"{InboundPostOptions.SectionName}:ModelPath"] = Path.Combine(_workDirectory, "models", "council-post.model"),
            [$"{InboundPostOptions.SectionName}:DropFolder"] = Path.Combine(_workDirectory, "outbox"),
            [$"{InboundPostOptions.SectionName}:TrainingData"] = Required("TrainingData", defaults.TrainingData),
            [$"{InboundPostOptions.SectionName}:HeldOutData"] = Required("HeldOutData", defaults.HeldOutData),
            [$"{InboundPostOptions.SectionName}:TaxonomyPath"] = Required("TaxonomyPath", defaults.TaxonomyPath),
            // Sentence vectors cached in memory only: the configured folder (var/embeddings) keeps the vectors of
            // every earlier run's page texts, and with them classifying a page cost 0.6 ms instead of 41-89 ms.
            ["TextEmbeddings:CacheDirectory"] = "",
            [$"Queues:{Queue}:Concurrency"] = _settings.Consumers.ToString(CultureInfo.InvariantCulture),
            // One item per lease, so no loop sits on a second page while another loop is idle at the end.
            [$"Queues:{Queue}:BatchSize"] = "1",
            [$"Queues:{Queue}:PollInterval"] = "00:00:00.100",
            // The host's log goes to a file in the work folder, never into the benchmark's output.
            ["Serilog:Using:0"] = "Serilog.Sinks.File",
            ["Serilog:WriteTo:0:Name"] = "File",
            ["Serilog:WriteTo:0:Args:path"] = Path.Combine(logs, "fleet-bench.log"),
        };
    }

    private async Task<BotPhase> RunBotAsync(List<string> problems, CancellationToken cancellationToken)
    {
        string[] args = _configDirectory is null ? [] : [$"--config={Path.GetFullPath(_configDirectory)}"];
        string? modelPath = null;
        using var host = FleetHost.Create(args, builder =>
        {
            var settings = HostSettings(builder.Configuration);
            modelPath = settings[$"{InboundPostOptions.SectionName}:ModelPath"];
            builder.Configuration.AddInMemoryCollection(settings);
        });

        // Starting trains the classifier into the work folder and starts the consumers; not part of the timing.
        await host.StartAsync(cancellationToken);
        try
        {
            var services = host.Services;
            var queue = services.GetRequiredService<IWorkQueue>();
            var review = services.GetRequiredService<IReviewQueue>();
            var blobs = services.GetRequiredService<IBlobStore>();
            var engines = services.GetRequiredService<IOptions<OcrOptions>>().Value.MaxEngines;

            var attachments = new List<AttachmentRef>();
            foreach (var page in _settings.Pages)
            {
                var mediaType = FileContentCheck.MediaType(Path.GetExtension(page))
                    ?? throw new CliException($"'{page}' is not a scan the benchmark reads.");
                await using var content = File.OpenRead(page);
                attachments.Add(await blobs.PutAsync(Path.GetFileName(page), mediaType, content, cancellationToken));
            }

            var warmUpSeconds = _settings.WarmUp ? await WarmUpAsync(queue, attachments, problems, cancellationToken) : 0;
            var references = new List<string>();
            using var stages = new StageTimings();
            var cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
            var started = _timeProvider.GetTimestamp();
            var startedAt = _timeProvider.GetUtcNow();
            for (var copy = 0; copy < _settings.Copies; copy++)
            {
                for (var index = 0; index < attachments.Count; index++)
                {
                    // The same blob under another reference: a new item, the attachment stored once.
                    var reference = ReferencePrefix + (copy * attachments.Count + index).ToString("D5", CultureInfo.InvariantCulture);
                    references.Add(reference);
                    await queue.EnqueueAsync(
                        new NewWorkItem(Queue, reference, """{"source":"bench","attachment":0}""", [attachments[index]]),
                        Actor,
                        cancellationToken);
                }
            }

            await WaitUntilSettledAsync(queue, _settings.WarmUp ? _settings.Consumers : 0, references.Count, Bot, cancellationToken);
            var seconds = _timeProvider.GetElapsedTime(started).TotalSeconds;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart).TotalSeconds;
            var split = stages.Report();

            var run = await VerifyAsync(queue, review, references, startedAt, seconds, cpuSeconds, problems, cancellationToken);
            return new BotPhase(run with { WarmUpSeconds = warmUpSeconds }, modelPath!, engines, split);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// One item per consumer, the smallest page under its own reference, through the started host until settled;
    /// returns the seconds it took. Not part of the timed run, its pages or its stage split.
    /// </summary>
    private async Task<double> WarmUpAsync(IWorkQueue queue, List<AttachmentRef> attachments, List<string> problems, CancellationToken cancellationToken)
    {
        var smallest = attachments.MinBy(a => a.Length)!;
        var started = _timeProvider.GetTimestamp();
        for (var index = 0; index < _settings.Consumers; index++)
        {
            await queue.EnqueueAsync(
                new NewWorkItem(Queue, WarmUpPrefix + index.ToString("D3", CultureInfo.InvariantCulture), """{"source":"bench","attachment":0}""", [smallest]),
                Actor,
                cancellationToken);
        }

        if (!await WaitUntilSettledAsync(queue, 0, _settings.Consumers, progress: null, cancellationToken))
        {
            problems.Add("The warm-up item(s) did not settle; the timed run started anyway.");
        }

        await WaitUntilQuietAsync(cancellationToken);
        return _timeProvider.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>
    /// Waits (at most <see cref="QuietTimeout"/>) until this process uses under a tenth of a core: the runtime compiles
    /// the methods the start and the warm-up used most a second time, optimised, in the background once start-up
    /// activity stops (measured: about 1 s of processor time on its thread inside a 5 s timed run), which a running
    /// fleet has done long before.
    /// </summary>
    private async Task WaitUntilQuietAsync(CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        using var process = Process.GetCurrentProcess();
        while (_timeProvider.GetElapsedTime(started) < QuietTimeout)
        {
            process.Refresh();
            var before = process.TotalProcessorTime;
            await Task.Delay(QuietWindow, _timeProvider, cancellationToken);
            process.Refresh();
            if (process.TotalProcessorTime - before < QuietWindow / 10)
            {
                return;
            }
        }
    }

    /// <summary>Waits until <paramref name="items"/> more than <paramref name="before"/> items have settled; false when it stalled.</summary>
    private async Task<bool> WaitUntilSettledAsync(IWorkQueue queue, int before, int items, BenchPhaseProgress? progress, CancellationToken cancellationToken)
    {
        var settled = 0;
        var lastProgress = _timeProvider.GetTimestamp();
        while (true)
        {
            var depths = (await queue.GetDepthAsync(cancellationToken)).Where(d => d.Queue == Queue).ToList();
            var now = depths.Where(d => !Unsettled.Contains(d.State)).Sum(d => d.Count) - before;
            while (progress is not null && progress.Done < now)
            {
                progress.Advance();
            }

            if (now >= items)
            {
                return true;
            }

            if (now > settled)
            {
                settled = now;
                lastProgress = _timeProvider.GetTimestamp();
            }
            else if (_timeProvider.GetElapsedTime(lastProgress) > _settings.StallTimeout)
            {
                // Verification reports what is still open.
                return false;
            }

            await Task.Delay(PollInterval, _timeProvider, cancellationToken);
        }
    }

    private static async Task<BotRunReport> VerifyAsync(
        IWorkQueue queue,
        IReviewQueue review,
        IReadOnlyList<string> references,
        DateTimeOffset startedAt,
        double seconds,
        double cpuSeconds,
        List<string> problems,
        CancellationToken cancellationToken)
    {
        int pages = 0, ocrPages = 0, completed = 0, needsReview = 0;
        DateTimeOffset? lastSettled = null;
        var lost = new List<string>();
        foreach (var reference in references)
        {
            var item = await queue.FindAsync(reference, cancellationToken);
            if (item is null)
            {
                lost.Add($"{reference} (not in the store)");
                continue;
            }

            (int Pages, int Ocr)? read = null;
            if (item.State == WorkItemState.Completed)
            {
                completed++;
                read = PagesInOutcome(item.OutcomeJson);
            }
            else if (item.State == WorkItemState.NeedsReview)
            {
                needsReview++;
                var task = await review.GetAsync(item.Id, cancellationToken);
                read = task is null ? null : PagesInEvidence(task.Request.EvidenceJson);
            }
            else
            {
                lost.Add($"{reference} ({item.State}{(item.LastError is null ? "" : ": " + item.LastError)})");
                continue;
            }

            if (read is null)
            {
                problems.Add($"{reference}: {item.State}, but neither its outcome nor its review evidence says how many pages were read.");
                continue;
            }

            pages += read.Value.Pages;
            ocrPages += read.Value.Ocr;

            var trail = await queue.GetAuditTrailAsync(item.Id, cancellationToken);
            if (trail.Count(e => e.From is null) != 1)
            {
                problems.Add($"{reference}: the audit trail does not show exactly one creation.");
            }

            if (trail.Where(e => e.To == item.State).Select(e => (DateTimeOffset?)e.At).Max() is { } settledAt && (lastSettled is null || settledAt > lastSettled))
            {
                lastSettled = settledAt;
            }
        }

        // The end is when the last item settled by the store's clock (milliseconds), not when the polling saw it (up to
        // PollInterval later): the command's end is exact too. The polled time stays the bound if the clocks disagree.
        if (lastSettled is { } end && (end - startedAt).TotalSeconds is > 0 and var settled && settled < seconds)
        {
            seconds = settled;
        }


        if (lost.Count > 0)
        {
            problems.Add($"{lost.Count} item(s) did not end Completed or NeedsReview: {string.Join(", ", lost.Take(5))}.");
        }

        if (ocrPages < pages)
        {
            problems.Add($"Only {ocrPages} of {pages} page(s) were read by OCR; the benchmark is for scans.");
        }

        return new BotRunReport(pages, ocrPages, seconds, cpuSeconds, Ratio(pages, seconds), completed, needsReview, lost.Count);
    }

    private static (int Pages, int Ocr)? PagesInOutcome(string? outcomeJson)
    {
        if (outcomeJson is null)
        {
            return null;
        }

        using var outcome = JsonDocument.Parse(outcomeJson);
        var root = outcome.RootElement;
        if (!root.TryGetProperty("pages", out var count) || count.ValueKind != JsonValueKind.Number)
        {
            return null;
        }

        var pages = count.GetInt32();
        var ocr = root.TryGetProperty("source", out var source) && source.GetString() == "Ocr" ? pages : 0;
        return (pages, ocr);
    }

    private static (int Pages, int Ocr)? PagesInEvidence(string evidenceJson)
    {
        using var evidence = JsonDocument.Parse(evidenceJson);
        if (!evidence.RootElement.TryGetProperty("pages", out var pages) || pages.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var all = pages.EnumerateArray().ToList();
        return (all.Count, all.Count(p => p.TryGetProperty("source", out var s) && s.GetString() == "Ocr"));
    }

    private async Task<CommandRunReport> RunCommandAsync(
        bool singleThread, int pages, BenchPhaseProgress progress, List<string>? texts, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        for (var copy = 0; copy < _settings.Copies; copy++)
        {
            foreach (var page in _settings.Pages)
            {
                var text = await _tesseract.ReadAsync(page, "eng", singleThread, cancellationToken);
                if (copy == 0)
                {
                    texts?.Add(text);
                }

                progress.Advance();
            }
        }

        var seconds = _timeProvider.GetElapsedTime(started).TotalSeconds;
        return new CommandRunReport(singleThread ? "OMP_THREAD_LIMIT=1" : "default threads", pages, seconds, Ratio(pages, seconds));
    }

    /// <summary>
    /// <paramref name="processes"/> single-thread <c>tesseract</c> processes at once, each taking the next page as it
    /// finishes one (as <c>xargs -P</c> does), the pages in the same order as the bot's queue.
    /// </summary>
    private async Task<CommandRunReport> RunParallelCommandAsync(int processes, int pages, CancellationToken cancellationToken)
    {
        var work = Enumerable.Range(0, _settings.Copies).SelectMany(_ => _settings.Pages).ToList();
        var next = -1;
        var started = _timeProvider.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, processes).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < work.Count)
            {
                await _tesseract.ReadAsync(work[index], "eng", singleThread: true, cancellationToken);
                CommandParallel.Advance();
            }
        }));
        var seconds = _timeProvider.GetElapsedTime(started).TotalSeconds;
        return new CommandRunReport(
            string.Create(CultureInfo.InvariantCulture, $"OMP_THREAD_LIMIT=1, {processes} processes at once"), pages, seconds, Ratio(pages, seconds));
    }

    private ClassificationRunReport RunClassification(string modelPath, List<string> texts)
    {
        var classifier = TextClassifier.Load(modelPath, ClassifierEmbedding.FromConfiguration(CliServices.BuildConfiguration(_configDirectory, _databasePath)));
        var documents = new List<string>(_settings.ClassificationDocuments + texts.Count);
        while (documents.Count < _settings.ClassificationDocuments)
        {
            documents.AddRange(texts);
        }

        // Warm up (JIT, thread pool) on the distinct texts; then the timed run.
        classifier.ClassifyMany(texts);
        var started = _timeProvider.GetTimestamp();
        var results = classifier.ClassifyMany(documents);
        var seconds = _timeProvider.GetElapsedTime(started).TotalSeconds;
        if (results.Count != documents.Count)
        {
            throw new InvalidOperationException("The classifier returned a result count that differs from its input.");
        }

        return new ClassificationRunReport(
            documents.Count, texts.Count, texts.Average(t => (double)t.Length), seconds, Ratio(documents.Count, seconds));
    }

    private sealed record BotPhase(BotRunReport Run, string ModelPath, int OcrEngines, IReadOnlyList<StageTimingReport> Stages);
}
