using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using AutomationFleet.Cli;
using AutomationFleet.Matching.Linking;
using AutomationFleet.Matching.Records;

namespace AutomationFleet.Bots.ContactForms.Cli;

/// <summary>
/// The contact-form bot's <c>fleet</c> commands: <c>dedupe</c> finds the likely duplicates within one person file,
/// <c>link</c> the likely same people across two, with the matching the bot uses (<see cref="Linker"/>), and write the
/// proposed pairs as CSV (<see cref="PairsFile"/>). Bad input stops the run with exit code 2 and one line naming the
/// file, row and column; the output is then not written at all.
/// </summary>
public sealed class ContactFormCommands(TimeProvider timeProvider) : IFleetCommandSource
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public ContactFormCommands()
        : this(TimeProvider.System)
    {
    }

    public IEnumerable<Command> CreateCommands(IFleetCommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return [Dedupe(context), Link(context)];
    }

    private Command Dedupe(IFleetCommandContext context)
    {
        var data = FileOption("--data", "The person file (CSV) to find duplicates in.", required: true);
        var map = FileOption("--map", "A column mapping (JSON) for a file not in the standard layout.");
        var options = new PairRunOptions();
        var command = new Command("dedupe", "Find the records of one person file that are likely the same person; write the pairs as CSV.")
        {
            data, map,
        };
        options.AddTo(command);
        context.SetAction(command, (parse, cancellationToken) =>
        {
            var path = parse.GetValue(data)!;
            var settings = options.Read(parse, [path]);
            return RunAsync(context, parse, "dedupe", settings, progress =>
            {
                var file = Read(path, parse.GetValue(map), settings);
                return (Linker.Dedupe(file.Records, settings.Link, progress), file, null);
            }, cancellationToken);
        });
        return command;
    }

    private Command Link(IFleetCommandContext context)
    {
        var left = FileOption("--left", "The first person file (CSV); its ids are left_id.", required: true);
        var right = FileOption("--right", "The second person file (CSV); its ids are right_id.", required: true);
        var map = FileOption("--map", "A column mapping (JSON) for both files, when they share a layout that is not the standard one.");
        var leftMap = FileOption("--left-map", "A column mapping (JSON) for the first file only.");
        var rightMap = FileOption("--right-map", "A column mapping (JSON) for the second file only.");
        var options = new PairRunOptions();
        var command = new Command("link", "Find the records of two person files that are likely the same person; write the pairs as CSV.")
        {
            left, right, map, leftMap, rightMap,
        };
        options.AddTo(command);
        context.SetAction(command, (parse, cancellationToken) =>
        {
            var both = parse.GetValue(map);
            if (both is not null && (parse.GetValue(leftMap) is not null || parse.GetValue(rightMap) is not null))
            {
                throw new CliException("--map is for both files; give it alone, or give --left-map and --right-map.");
            }

            var (leftPath, rightPath) = (parse.GetValue(left)!, parse.GetValue(right)!);
            var settings = options.Read(parse, [leftPath, rightPath]);
            return RunAsync(context, parse, "link", settings, progress =>
            {
                var l = Read(leftPath, parse.GetValue(leftMap) ?? both, settings);
                var r = Read(rightPath, parse.GetValue(rightMap) ?? both, settings);
                return (Linker.Link(l.Records, r.Records, settings.Link, progress), l, r);
            }, cancellationToken);
        });
        return command;
    }

    private async Task<int> RunAsync(
        IFleetCommandContext context,
        ParseResult parse,
        string name,
        PairRunSettings settings,
        Func<IProgress<LinkProgress>, (LinkResult Result, PersonRecordFile Left, PersonRecordFile? Right)> run,
        CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        (LinkResult Result, PersonRecordFile Left, PersonRecordFile? Right) outcome;
        using (var progress = new LinkProgressWriter(context.Error, name, timeProvider))
        {
            // The linker does not take a token: cancellation stops a run that has not started, not one half done.
            outcome = await Task.Run(
                () =>
                {
                    try
                    {
                        var done = run(progress);
                        PairsFile.Write(settings.Out, done.Result.Pairs);
                        return done;
                    }
                    catch (RecordFileException exception)
                    {
                        // The message names file, row and column, never the value, so it is safe to print.
                        throw new CliException(exception.Message);
                    }
                },
                cancellationToken);
        }

        var (result, leftFile, rightFile) = outcome;
        var matches = result.Pairs.Count(p => p.Decision == LinkDecision.Match);
        var summary = new LinkRunSummary(
            name,
            leftFile.Records.Count,
            rightFile?.Records.Count,
            result.ComparedPairs,
            result.Pairs.Count,
            matches,
            result.Pairs.Count - matches,
            settings.Link.MatchThreshold,
            settings.Link.ReviewThreshold,
            leftFile.InvalidValues + (rightFile?.InvalidValues ?? 0),
            Math.Round(timeProvider.GetElapsedTime(started).TotalSeconds, 2),
            new LinkModelSummary(result.FittedBy, result.Model.Iterations, result.Model.Lambda),
            settings.Out);
        if (context.IsJson(parse))
        {
            await context.Output.WriteLineAsync(JsonSerializer.Serialize(summary, JsonOptions));
            await context.Output.FlushAsync(cancellationToken);
        }
        else
        {
            await context.Error.WriteLineAsync(Describe(summary));
        }

        return ExitCodes.Success;
    }

    private static PersonRecordFile Read(string path, string? mapPath, PairRunSettings settings)
    {
        var mapping = mapPath is null ? null : ColumnMapping.Load(mapPath);
        var file = new PersonRecordReader(settings.Records).Read(path, mapping);
        if (file.Fields.Count < 2)
        {
            // Only an id: every pair would look alike and nothing could be matched, so the header is wrong, not the data.
            throw new RecordFileException(
                path, 1, null, $"no person column besides the id was found (looked for {string.Join(", ", PersonField.All.Skip(1))}); name the file's columns in a --map file");
        }

        return file;
    }

    private static Option<string> FileOption(string name, string description, bool required = false) =>
        new(name) { Description = description, HelpName = "FILE", Required = required };

    private static string Describe(LinkRunSummary s)
    {
        var records = s.RightRecords is { } right ? FormattableString.Invariant($"{s.LeftRecords:N0} × {right:N0} records") : FormattableString.Invariant($"{s.LeftRecords:N0} records");
        var invalid = s.InvalidValuesReadAsMissing > 0 ? FormattableString.Invariant($", {s.InvalidValuesReadAsMissing:N0} invalid value(s) read as missing") : "";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{s.Command}: {records}, {s.ComparedPairs:N0} pairs compared, {s.ProposedPairs:N0} proposed ({s.Matches:N0} match, {s.Reviews:N0} review) in {s.Seconds:0.0} s; model by {s.Model.FittedBy} ({s.Model.Sessions} session(s)){invalid}; wrote {s.Out}");
    }
}
