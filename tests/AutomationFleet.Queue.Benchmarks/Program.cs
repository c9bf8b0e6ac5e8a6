using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using AutomationFleet.Queue.Benchmarks;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

const string Usage = """
    usage: AutomationFleet.Queue.Benchmarks [--items 20000] [--consumers 1,2,4] [--runs 1] [--store sqlite|postgres]
                                            [--synchronous default|normal|full] [--hangfire-poll-ms 1] [--batch-size 64] [--json]
                                            [--connection CS] [--processes 1,2,4]   (postgres only)
    """;

if (args.Length > 0 && args[0] == "worker-process")
{
    return await WorkerProcessMain.RunAsync(name => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null);
}

PeerBenchmarkSettings settings;
try
{
    if (args.Contains("--help") || args.Contains("-h"))
    {
        Console.WriteLine(Usage);
        return 0;
    }

    settings = new PeerBenchmarkSettings(
        Store: Text("--store", "sqlite"),
        Items: Number("--items", 20_000),
        Consumers: Counts("--consumers"),
        Runs: Number("--runs", 1),
        BatchSize: Number("--batch-size", 64),
        Synchronous: Text("--synchronous", "default") switch
        {
            "default" => SynchronousSetting.StoreDefault,
            "normal" => SynchronousSetting.Normal,
            "full" => SynchronousSetting.Full,
            var other => throw new FormatException($"--synchronous {other}: use default, normal or full"),
        },
        HangfirePollInterval: TimeSpan.FromMilliseconds(Number("--hangfire-poll-ms", 1)))
    {
        Connection = args.Contains("--connection") ? Text("--connection", string.Empty) : null,
        Processes = args.Contains("--processes") ? Counts("--processes") : [],
    };
}
catch (FormatException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}

var failures = settings.Validate();
if (failures.Count > 0)
{
    foreach (var failure in failures)
    {
        Console.Error.WriteLine(failure);
    }

    return 2;
}

var json = args.Contains("--json");
await using var benchmark = PeerBenchmark.ForStore(settings);
var report = await benchmark.RunAsync(json ? Console.Error : Console.Out, CancellationToken.None);
if (json)
{
    Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, Converters = { new JsonStringEnumConverter() } }));
}
else
{
    report.Print(Console.Out);
}

return report.Verified ? 0 : 1;

string Text(string name, string fallback)
{
    var at = Array.IndexOf(args, name);
    if (at < 0)
    {
        return fallback;
    }

    return at + 1 < args.Length ? args[at + 1] : throw new FormatException($"{name} needs a value");
}

IReadOnlyList<int> Counts(string name) =>
    [.. Text(name, "1,2,4").Split(',').Select(c => int.Parse(c, NumberStyles.None, CultureInfo.InvariantCulture))];

int Number(string name, int fallback)
{
    var text = Text(name, fallback.ToString(CultureInfo.InvariantCulture));
    return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
        ? value
        : throw new FormatException($"{name} takes a whole number");
}
