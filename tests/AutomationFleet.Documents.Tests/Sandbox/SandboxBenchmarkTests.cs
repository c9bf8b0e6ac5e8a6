using System.Diagnostics;
using System.Globalization;
using AutomationFleet.Documents.Ocr;
using AutomationFleet.Documents.Sandbox;
using Xunit.Abstractions;

namespace AutomationFleet.Documents.Tests.Sandbox;

/// <summary>
/// OCR throughput in the sandbox against the same reading in-process (what the worker did with images before the
/// sandbox read them): the 3 test pages twice as 6 one-page documents read at once (as consumers would; the pool's two
/// children, started by CheckAsync, read them in turn), and the same 6 pages as one multi-page TIFF (one child reads every page). Rounds alternate so load drift hits both sides.
/// Prints the numbers; asserts nothing about speed.
/// Run: dotnet test tests/AutomationFleet.Documents.Tests -c Release --filter FullyQualifiedName~SandboxBenchmark --logger "console;verbosity=detailed".
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(SandboxCollection.Name)]
public sealed class SandboxBenchmarkTests(ITestOutputHelper output)
{
    private static readonly string[] Pages = ["phototest.tif", "eurotext.tif", "8071_093.3B.tif"];
    private const int Rounds = 3;

    [Fact]
    public async Task Speed_SandboxVersusInProcess_PrintsPagesPerSecond()
    {
        var documents = Enumerable.Repeat(Pages, 2).SelectMany(p => p).Select(TestFiles.Read).ToList();
        var multiPage = TestFiles.MultiPageG4Tiff([.. Pages, .. Pages]);
        using var pool = new OcrEnginePool(new OcrOptions { MaxEngines = 2 });
        var inProcess = new DocumentReader(new DocumentLimits(), pool);
        using var sandboxed = new DocumentReaderProcess(new DocumentLimits(), new OcrOptions { MaxEngines = 2 });
        await pool.StartEnginesAsync(CancellationToken.None);
        await sandboxed.CheckAsync(CancellationToken.None);

        var times = new Dictionary<string, List<double>>();
        for (var round = 0; round < Rounds; round++)
        {
            Add(times, "in-process, 6 one-page documents at once", await TimeAsync(() => Task.WhenAll(documents.Select(d => inProcess.ReadAsync(d, null, CancellationToken.None)))));
            Add(times, "sandbox, 6 one-page documents at once (2 pooled children, started ahead)", await TimeAsync(() => Task.WhenAll(documents.Select(d => sandboxed.ReadAsync(d, null, CancellationToken.None)))));
            Add(times, "in-process, one 6-page TIFF", await TimeAsync(() => inProcess.ReadAsync(multiPage, null, CancellationToken.None)));
            Add(times, "sandbox, one 6-page TIFF (one pooled child, 2 engines)", await TimeAsync(() => sandboxed.ReadAsync(multiPage, null, CancellationToken.None)));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"6 pages ({string.Join(", ", Pages)} x 2), {Rounds} rounds alternated, {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}"));
        foreach (var (label, seconds) in times)
        {
            var median = seconds.Order().ElementAt(seconds.Count / 2);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: median {median:0.00} s, {6 / median:0.00} pages/s (runs: {string.Join(", ", seconds.Select(s => s.ToString("0.00", CultureInfo.InvariantCulture)))} s)"));
        }
    }

    private static void Add(Dictionary<string, List<double>> times, string label, double seconds)
    {
        if (!times.TryGetValue(label, out var list))
        {
            times[label] = list = [];
        }

        list.Add(seconds);
    }

    private static async Task<double> TimeAsync(Func<Task> run)
    {
        var stopwatch = Stopwatch.StartNew();
        await run();
        return stopwatch.Elapsed.TotalSeconds;
    }
}
