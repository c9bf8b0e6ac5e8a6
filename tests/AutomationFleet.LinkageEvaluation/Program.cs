using System.Globalization;
using AutomationFleet.LinkageEvaluation;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var root = DataRoot();
var showModel = args.Contains("--model");
var only = args.SkipWhile(a => a != "--set").Skip(1).FirstOrDefault();
var options = new AutomationFleet.Matching.Linking.LinkOptions();
if (args.SkipWhile(a => a != "--review").Skip(1).FirstOrDefault() is { } review)
{
    options = options with { ReviewThreshold = double.Parse(review, CultureInfo.InvariantCulture) };
}

Console.WriteLine($"linkage evaluation: {Environment.ProcessorCount} cores, .NET {Environment.Version}; automatic at p >= {options.MatchThreshold}, review from p >= {options.ReviewThreshold}");
Console.WriteLine();
Console.WriteLine("| set | records | compared pairs | true pairs | precision of automatic | recall of automatic | F1 automatic | F1 at p = 0.5 | found (match or review) | review pairs (true) | review decisions | blocking recall | m fitted by | seconds |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |");
foreach (var dataset in LinkageDataset.All(root).Where(d => only is null || d.Name.Contains(only, StringComparison.OrdinalIgnoreCase)))
{
    var s = LinkageScore.Measure(dataset, options);
    if (args.SkipWhile(a => a != "--errors").Skip(1).FirstOrDefault() is { } errors)
    {
        LinkageErrors.Print(dataset, int.Parse(errors, CultureInfo.InvariantCulture), Console.Out);
    }

    if (args.Contains("--breakdown"))
    {
        LinkageBreakdown.Print(dataset, Console.Out, options);
    }

    if (showModel)
    {
        Console.WriteLine(ModelReport.Describe(s.Model));
    }

    Console.WriteLine($"| {s.Dataset} | {s.Records:N0} | {s.ComparedPairs:N0} | {s.TruePairs:N0} | {s.Precision:0.0000} ({s.CorrectAutomatic:N0}/{s.AutomaticMatches:N0}) | {s.Recall:0.0000} | {s.F1:0.0000} | {s.F1AtHalf:0.0000} | {s.Found:0.0000} | {s.Proposed - s.AutomaticMatches:N0} ({s.TrueProposed - s.CorrectAutomatic:N0}) | {s.ReviewDecisions:N0} | {s.BlockingRecall:0.0000} | {s.FittedBy} | {s.Seconds:0.0} |");
}

return 0;

static string DataRoot()
{
    var fromEnvironment = Environment.GetEnvironmentVariable("FLEET_DATA");
    if (!string.IsNullOrEmpty(fromEnvironment))
    {
        return fromEnvironment;
    }

    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "data"), Path.Combine(dir.FullName, "..", "shared", "data") })
        {
            if (Directory.Exists(Path.Combine(candidate, "linkage")))
            {
                return Path.GetFullPath(candidate);
            }
        }
    }

    throw new DirectoryNotFoundException("shared/data not found; set FLEET_DATA to the data folder.");
}
