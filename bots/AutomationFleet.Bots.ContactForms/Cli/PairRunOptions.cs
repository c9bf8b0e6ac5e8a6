using System.CommandLine;
using AutomationFleet.Cli;
using AutomationFleet.Matching.Linking;
using AutomationFleet.Matching.Records;

namespace AutomationFleet.Bots.ContactForms.Cli;

/// <summary>The options <c>link</c> and <c>dedupe</c> share: where the pairs go, the thresholds and the input limits.</summary>
public sealed class PairRunOptions
{
    private static readonly LinkOptions LinkDefaults = new();
    private static readonly RecordFileOptions FileDefaults = new();

    public Option<string> Out { get; } = new("--out")
    {
        Description = "Where to write the pairs (CSV: left_id,right_id,probability,decision). Written whole or not at all.",
        HelpName = "FILE",
        Required = true,
    };

    public Option<double> MatchThreshold { get; } = new("--match-threshold")
    {
        Description = "A pair at or above this probability is decided 'match'.",
        HelpName = "P",
        DefaultValueFactory = _ => LinkDefaults.MatchThreshold,
    };

    public Option<double> ReviewThreshold { get; } = new("--review-threshold")
    {
        Description = "Pairs below this probability are left out; between it and --match-threshold they are decided 'review'.",
        HelpName = "P",
        DefaultValueFactory = _ => LinkDefaults.ReviewThreshold,
    };

    public Option<string> InvalidValues { get; } = CreateInvalidValues();

    public Option<int> MaxFileMegabytes { get; } = new("--max-file-mb")
    {
        Description = "A larger input file is refused before any row is read.",
        HelpName = "MB",
        DefaultValueFactory = _ => (int)(FileDefaults.MaxFileBytes / (1024 * 1024)),
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Out);
        command.Options.Add(MatchThreshold);
        command.Options.Add(ReviewThreshold);
        command.Options.Add(InvalidValues);
        command.Options.Add(MaxFileMegabytes);
    }

    /// <summary>The run's settings; a value out of range, or an --out that cannot be written, is a <see cref="CliException"/> naming the option.</summary>
    public PairRunSettings Read(ParseResult parse, IEnumerable<string> inputs)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(inputs);
        var match = parse.GetValue(MatchThreshold);
        var review = parse.GetValue(ReviewThreshold);
        if (!(match is > 0 and <= 1))
        {
            throw new CliException(FormattableString.Invariant($"--match-threshold is {match}; it must be above 0 and at most 1."));
        }

        if (!(review >= 0 && review <= match))
        {
            throw new CliException(FormattableString.Invariant($"--review-threshold is {review}; it must be from 0 to --match-threshold ({match})."));
        }

        var megabytes = parse.GetValue(MaxFileMegabytes);
        if (megabytes < 1)
        {
            throw new CliException(FormattableString.Invariant($"--max-file-mb is {megabytes}; it must be at least 1."));
        }

        // Checked before the run, not after it: a long run should not end in a path that cannot be written.
        var output = Path.GetFullPath(parse.GetValue(Out)!);
        if (Directory.Exists(output))
        {
            throw new CliException($"--out '{output}' is a folder; name a file.");
        }

        if (!Directory.Exists(Path.GetDirectoryName(output)))
        {
            throw new CliException($"--out '{output}': the folder does not exist.");
        }

        if (inputs.Any(input => string.Equals(Path.GetFullPath(input), output, StringComparison.Ordinal)))
        {
            throw new CliException($"--out '{output}' is an input file; write the pairs to another file.");
        }

        return new PairRunSettings(
            output,
            LinkDefaults with { MatchThreshold = match, ReviewThreshold = review },
            new RecordFileOptions
            {
                MaxFileBytes = megabytes * 1024L * 1024,
                InvalidValues = parse.GetValue(InvalidValues) == "missing" ? InvalidValueHandling.TreatAsMissing : InvalidValueHandling.Reject,
            });
    }

    private static Option<string> CreateInvalidValues()
    {
        var option = new Option<string>("--invalid-values")
        {
            Description = "An impossible date of birth or a row with both names empty: 'reject' stops with the row and column; 'missing' reads the value as empty and counts it.",
            DefaultValueFactory = _ => "reject",
        };
        option.AcceptOnlyFromAmong("reject", "missing");
        return option;
    }
}

/// <summary>One run's validated settings.</summary>
public sealed record PairRunSettings(string Out, LinkOptions Link, RecordFileOptions Records);
