using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using AutomationFleet.Bots.IncidentReports.Deduplication;
using AutomationFleet.Bots.IncidentReports.Reports;
using AutomationFleet.Bots.IncidentReports.Triage;
using AutomationFleet.Cli;
using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Incidents;
using AutomationFleet.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AutomationFleet.Bots.IncidentReports.Cli;

/// <summary>
/// The incident-report bot's <c>fleet incidents</c> commands: <c>allocate</c> shows what the bot would decide for each
/// report in a file (JSON or JSONL), with its reasons, against the open incidents in the store, recording nothing;
/// <c>list</c> lists open incidents and their deadlines; <c>show</c> one incident and its audit trail; <c>close</c> closes
/// one, audited; <c>bench</c> measures decisions and reports per second against a seeded store (see
/// <see cref="IncidentBenchmark"/>).
/// </summary>
public sealed class IncidentCommands(TimeProvider timeProvider) : IFleetCommandSource
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static readonly JsonSerializerOptions IndentedJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public IncidentCommands()
        : this(TimeProvider.System)
    {
    }

    public IEnumerable<Command> CreateCommands(IFleetCommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return [new Command("incidents", "Incident reports: try the allocation on a file, list, show and close incidents, measure the bot.")
        {
            Allocate(context), List(context), Show(context), Close(context), Bench(context),
        }];
    }

    /// <summary>The bot's settings as the fleet would run with them, every bad one named in a <see cref="CliException"/>.</summary>
    internal static IncidentReportsOptions LoadOptions(IConfiguration configuration)
    {
        var options = configuration.GetSection(IncidentReportsOptions.SectionName).Get<IncidentReportsOptions>() ?? new IncidentReportsOptions();
        var result = new IncidentReportsOptionsValidator().Validate(null, options);
        return result.Failed ? throw new CliException(string.Join(Environment.NewLine, result.Failures)) : options;
    }

    private Command Allocate(IFleetCommandContext context)
    {
        var input = new Option<string>("--input") { Description = "Reports as JSON (one report or an array) or JSONL (one per line).", HelpName = "FILE", Required = true };
        var command = new Command("allocate", "Show what the bot would decide for each report in a file, with the reasons (nothing is recorded).") { input };
        context.SetAction(command, async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(input)!;
            if (!File.Exists(path))
            {
                throw new CliException($"--input: '{path}' does not exist.");
            }

            var configuration = context.Configuration(parse);
            var options = LoadOptions(configuration);
            var data = IncidentReferenceData.Load(options);
            using var embedder = TextEmbedding(configuration);
            await using var session = await context.OpenStoreAsync(parse, createIfMissing: true, cancellationToken);
            var store = session.Services.GetRequiredService<IIncidentStore>();
            var triage = new IncidentTriage(data, store, new DuplicateFinder(embedder, DuplicateWords.From(options)), people: null, options);
            var now = timeProvider.GetUtcNow();
            var refused = 0;
            var line = 0;
            foreach (var (number, json) in ReportsIn(path))
            {
                line = number;
                TriageResult result;
                try
                {
                    var report = IncidentReportReader.Parse(json, ReportChannels.File);
                    result = await triage.TriageAsync(report, $"{Path.GetFileName(path)}:{number}", now, now, cancellationToken);
                }
                catch (IncidentReportFormatException exception)
                {
                    result = new TriageResult(TriageVerdict.Refused, null, [exception.Message], false, TriageEvidence.None);
                }

                refused += result.Verdict == TriageVerdict.Refused ? 1 : 0;
                await WriteAsync(context, parse, number, result);
            }

            if (line == 0)
            {
                throw new CliException($"--input: '{path}' holds no reports.");
            }

            return refused == 0 ? 0 : ExitCodes.Usage;
        });
        return command;
    }

    private static async Task WriteAsync(IFleetCommandContext context, ParseResult parse, int number, TriageResult result)
    {
        if (context.IsJson(parse))
        {
            await context.Output.WriteLineAsync(JsonSerializer.Serialize(
                new { report = number, verdict = result.Verdict.ToString().ToLowerInvariant(), outcome = result.Outcome is { } decided ? decided with { Text = "" } : null, result.Reasons, result.Urgent, result.Evidence },
                JsonOptions));
            return;
        }

        var o = result.Outcome;
        var head = result.Verdict switch
        {
            TriageVerdict.Allocated => $"allocated {o!.IncidentReference} ({o.Kind}, {o.Severity}) to {o.Team}{(o.Assignee is { } a ? $" / {a}" : " (team queue)")}, due {o.Deadline.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC",
            TriageVerdict.Linked => $"linked to open incident {o!.IncidentReference} ({o.Kind}, {o.Team})",
            TriageVerdict.Review => $"to a person{(result.Urgent ? ", urgent" : "")}{(o is null ? "" : $" (proposal: {o.Team})")}",
            _ => "refused",
        };
        await context.Output.WriteLineAsync($"report {number}: {head}");
        foreach (var reason in result.Reasons)
        {
            await context.Output.WriteLineAsync($"  - {reason}");
        }
    }

    private static IEnumerable<(int Number, string Json)> ReportsIn(string path)
    {
        var text = File.ReadAllText(path).Trim();
        if (text.StartsWith('['))
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(text);
            }
            catch (JsonException exception)
            {
                throw new CliException($"{path}: not valid JSON: {exception.Message}");
            }

            using (document)
            {
                var number = 0;
                foreach (var element in document.RootElement.EnumerateArray())
                {
                    yield return (++number, element.GetRawText());
                }
            }

            yield break;
        }

        if (text.StartsWith('{') && !text.Contains('\n', StringComparison.Ordinal))
        {
            yield return (1, text);
            yield break;
        }

        // JSONL: one report per line; a pretty-printed single object is one report too.
        var lines = text.Split('\n');
        if (text.StartsWith('{') && lines.Skip(1).Any(l => !l.TrimStart().StartsWith('{')))
        {
            yield return (1, text);
            yield break;
        }

        for (var i = 0; i < lines.Length; i++)
        {
            if (!string.IsNullOrWhiteSpace(lines[i]))
            {
                yield return (i + 1, lines[i]);
            }
        }
    }

    private Command List(IFleetCommandContext context)
    {
        var team = new Option<string?>("--team") { Description = "Only this team's incidents.", HelpName = "TEAM" };
        var breaching = new Option<bool>("--breaching") { Description = "Only incidents past their deadline or inside their escalation window." };
        var limit = new Option<int>("--limit") { Description = "At most this many (default 100).", DefaultValueFactory = _ => 100 };
        var command = new Command("list", "List open and allocated incidents, soonest deadline first.") { team, breaching, limit };
        context.SetAction(command, async (parse, cancellationToken) =>
        {
            var options = LoadOptions(context.Configuration(parse));
            var data = IncidentReferenceData.Load(options);
            var now = timeProvider.GetUtcNow();
            var longest = data.Allocation.Severities.Max(s => s.EscalateBefore);
            await using var session = await context.OpenStoreAsync(parse, createIfMissing: false, cancellationToken);
            var store = session.Services.GetRequiredService<IIncidentStore>();
            var incidents = await store.ListOpenAsync(parse.GetValue(team), parse.GetValue(breaching) ? now + longest : null, parse.GetValue(limit), cancellationToken);
            if (parse.GetValue(breaching))
            {
                incidents = incidents.Where(i => i.Deadline - (data.Allocation.FindSeverity(i.Severity)?.EscalateBefore ?? longest) <= now).ToList();
            }

            if (context.IsJson(parse))
            {
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(incidents.Select(i => i with { Text = "" }), JsonOptions));
                return 0;
            }

            await context.Output.WriteLineAsync($"{"REFERENCE",-15} {"STATE",-10} {"TEAM",-22} {"ASSIGNEE",-14} {"SEVERITY",-9} {"DEADLINE (UTC)",-17} {"REPORTS",7}  SUMMARY");
            foreach (var i in incidents)
            {
                var late = i.Deadline <= now ? " BREACHED" : i.EscalatedAt is not null ? " escalated" : "";
                await context.Output.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{i.Reference,-15} {i.State.ToString().ToLowerInvariant(),-10} {i.Team,-22} {i.Assignee ?? "-",-14} {i.Severity,-9} {i.Deadline:yyyy-MM-dd HH:mm} {i.ReportCount,7}  {i.Summary}{late}"));
            }

            await context.Error.WriteLineAsync($"{incidents.Count} incident(s)");
            return 0;
        });
        return command;
    }

    private static Command Show(IFleetCommandContext context)
    {
        var reference = new Argument<string>("reference") { Description = "The incident's reference (INC-…)." };
        var command = new Command("show", "Show one incident and its audit trail.") { reference };
        context.SetAction(command, async (parse, cancellationToken) =>
        {
            await using var session = await context.OpenStoreAsync(parse, createIfMissing: false, cancellationToken);
            var store = session.Services.GetRequiredService<IIncidentStore>();
            var incident = await store.GetAsync(parse.GetValue(reference)!, cancellationToken)
                ?? throw new CliException($"No incident {parse.GetValue(reference)}.");
            var audit = await store.AuditAsync(incident.Reference, cancellationToken);
            await context.Output.WriteLineAsync(JsonSerializer.Serialize(new { incident = incident with { Text = "" }, audit }, IndentedJson));
            return 0;
        });
        return command;
    }

    private Command Close(IFleetCommandContext context)
    {
        var reference = new Argument<string>("reference") { Description = "The incident's reference (INC-…)." };
        var note = new Option<string?>("--note") { Description = "Why it is closed (kept in the audit trail; no personal data).", HelpName = "TEXT" };
        var command = new Command("close", "Close an incident (audited).") { reference, note };
        context.SetAction(command, async (parse, cancellationToken) =>
        {
            await using var session = await context.OpenStoreAsync(parse, createIfMissing: false, cancellationToken);
            var store = session.Services.GetRequiredService<IIncidentStore>();
            var incident = parse.GetValue(reference)!;
            try
            {
                await store.TransitionAsync(incident, IncidentState.Closed, Actors.Cli(Environment.UserName), parse.GetValue(note) ?? "closed from the command line", timeProvider.GetUtcNow(), cancellationToken);
            }
            catch (IncidentNotFoundException exception)
            {
                throw new CliException(exception.Message);
            }
            catch (InvalidIncidentTransitionException exception)
            {
                throw new CliException(exception.Message);
            }

            await context.Output.WriteLineAsync($"{incident} closed");
            return 0;
        });
        return command;
    }

    private Command Bench(IFleetCommandContext context)
    {
        var open = new Option<int>("--open") { Description = "Open incidents to seed the store with (default 100,000).", DefaultValueFactory = _ => 100_000 };
        var reports = new Option<int>("--reports") { Description = "Reports to put through the bot, timed (default 5,000).", DefaultValueFactory = _ => 5_000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the generated incidents and reports (default 11).", DefaultValueFactory = _ => 11 };
        var command = new Command(
            "bench",
            "Measure the bot's decisions (latency) and reports per second through triage and recording, against a fresh store seeded with open "
            + "incidents. The store is a new file: --db names one (it must not exist, and is kept); without it, a temp file, deleted after.")
        {
            open, reports, seed,
        };
        context.SetAction(command, async (parse, cancellationToken) =>
        {
            var openCount = parse.GetValue(open);
            var reportCount = parse.GetValue(reports);
            if (openCount is < 0 or > 10_000_000)
            {
                throw new CliException("--open must be from 0 to 10,000,000.");
            }

            if (reportCount is < 1 or > 1_000_000)
            {
                throw new CliException("--reports must be from 1 to 1,000,000.");
            }

            var configuration = context.Configuration(parse);
            var options = LoadOptions(configuration);
            var data = IncidentReferenceData.Load(options);

            // Never the fleet's own database: a file the caller names that does not exist yet, or a temp folder removed after.
            var named = parse.GetValue<string?>("--db");
            if (named is not null && File.Exists(named))
            {
                throw new CliException($"--db: '{named}' exists; the benchmark seeds a fresh store, so name a new file.");
            }

            var scratch = named is null ? Directory.CreateTempSubdirectory("fleet-incident-bench-") : null;
            try
            {
                var path = named ?? Path.Combine(scratch!.FullName, "fleet.db");

                // The fleet's encoder settings, but its vectors kept in memory: the fleet's cache file is left alone, and a
                // second run is not faster for having seen the texts before.
                var embeddingOptions = configuration.GetSection(TextEmbeddingOptions.SectionName).Get<TextEmbeddingOptions>() ?? new TextEmbeddingOptions();
                embeddingOptions.CacheDirectory = null;
                using var encoder = new SentenceTransformerEmbedder(embeddingOptions, logger: null);
                var embedder = new CountingEmbedder(encoder, timeProvider);
                IncidentBenchmarkReport report;
                await using (var session = await context.OpenStoreAsync(parse, path, cancellationToken))
                {
                    var store = new TimingIncidentStore(session.Services.GetRequiredService<IIncidentStore>(), timeProvider);
                    var duplicates = new DuplicateFinder(embedder, DuplicateWords.From(options));
                    var triage = new IncidentTriage(data, store, duplicates, people: null, options);

                    // The record step's encoder time (a new incident's text vector, looked up in the cache) is counted apart from the decision's.
                    var recordEmbedder = new CountingEmbedder(encoder, timeProvider);
                    var recordVectors = new DuplicateFinder(recordEmbedder, DuplicateWords.From(options));
                    report = await new IncidentBenchmark(
                            data, store, triage, duplicates, embedder, recordVectors, recordEmbedder, () => encoder.CachedVectorCount, timeProvider, context.Error)
                        .RunAsync(openCount, reportCount, parse.GetValue(seed), cancellationToken);
                }

                await context.Output.WriteLineAsync(context.IsJson(parse) ? JsonSerializer.Serialize(report, JsonOptions) : report.Describe());
                await context.Output.FlushAsync(cancellationToken);
                return ExitCodes.Success;
            }
            finally
            {
                if (scratch is not null)
                {
                    scratch.Delete(recursive: true);
                }
            }
        });
        return command;
    }

    private static SentenceTransformerEmbedder TextEmbedding(IConfiguration configuration) =>
        new(configuration.GetSection(TextEmbeddingOptions.SectionName).Get<TextEmbeddingOptions>() ?? new TextEmbeddingOptions(), logger: null);
}
