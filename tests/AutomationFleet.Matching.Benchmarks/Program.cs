using System.Globalization;
using AutomationFleet.Matching.Benchmarks;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

const string Usage = """
    usage: AutomationFleet.Matching.Benchmarks link [--size 5000] [--seed 42] [--runs 2]
           AutomationFleet.Matching.Benchmarks person-index [--size 1000000] [--forms 3000] [--peer-forms 1000] [--seed 42]
    """;

try
{
    switch (args.FirstOrDefault())
    {
        case "link":
            BenchmarkReport.Print(LinkBenchmark.Run(new LinkBenchmarkSettings(
                Size: Option("--size", 5000), Seed: Option("--seed", 42), Runs: Option("--runs", 2))), Console.Out);
            return 0;
        case "person-index":
            var settings = new PersonIndexBenchmarkSettings(
                Size: Option("--size", 1_000_000), Forms: Option("--forms", 3000), Seed: Option("--seed", 42), PeerForms: Option("--peer-forms", 1000));
            BenchmarkReport.Print(await PersonIndexBenchmark.RunAsync(settings, Console.Out, CancellationToken.None), Console.Out);
            return 0;
        default:
            Console.Error.WriteLine(Usage);
            return 2;
    }
}
catch (FormatException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    if (at < 0)
    {
        return fallback;
    }

    return at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
        ? value
        : throw new FormatException($"{name} takes a whole number of 0 or more");
}
