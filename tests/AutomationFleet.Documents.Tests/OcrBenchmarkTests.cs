using System.Diagnostics;
using System.Globalization;
using AutomationFleet.Documents.Ocr;
using Xunit.Abstractions;

namespace AutomationFleet.Documents.Tests;

/// <summary>
/// OCR accuracy on shared/data/ocr against its ground truth, and OCR speed through the engine pool versus the
/// tesseract command run page by page. Prints the numbers; asserts only the accuracy targets.
/// Run: dotnet test tests/AutomationFleet.Documents.Tests --filter Category=Benchmark --logger "console;verbosity=detailed".
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class OcrBenchmarkTests(ITestOutputHelper output)
{
    private static readonly string[] Pages = ["phototest.tif", "eurotext.tif", "8071_093.3B.tif"];

    [Fact]
    public async Task Accuracy_OcrTestPages_MeetsTargets()
    {
        using var pool = new OcrEnginePool(new OcrOptions { MaxEngines = 2 });
        var reader = new DocumentReader(new DocumentLimits(), pool);
        var results = new Dictionary<string, double>();
        foreach (var name in Pages)
        {
            var document = await reader.ReadAsync(TestFiles.Read(name), name, CancellationToken.None);
            results[name + " (auto layout)"] = CharacterAccuracy.Of(TestFiles.Truth(Path.ChangeExtension(name, ".txt")), document.Text);
        }

        var pdf = await reader.ReadAsync(TestFiles.Read("8071_093.3B.pdf"), null, CancellationToken.None);
        results["8071_093.3B.pdf (auto layout)"] = CharacterAccuracy.Of(TestFiles.Truth("8071_093.3B.txt"), pdf.Text);
        var zoned = await pool.RecognizeAsync(new PageImage(1, TestFiles.Read("8071_093.3B.tif"), Zones: UnlvZones("8071_093.3B.uzn")), TimeSpan.FromMinutes(1), CancellationToken.None);
        var unlv = CharacterAccuracy.Of(TestFiles.Truth("8071_093.3B.txt"), zoned.Text);
        results["8071_093.3B.tif (UNLV zones, as published)"] = unlv;

        foreach (var (name, accuracy) in results)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy {name}: {accuracy:P2}"));
        }

        Assert.True(unlv >= 0.98, $"UNLV zoned accuracy {unlv:P2} is below the 98% target");
        Assert.True(results["phototest.tif (auto layout)"] >= 0.98);
        Assert.True(results["8071_093.3B.pdf (auto layout)"] >= 0.85);
    }

    [Fact]
    public async Task Speed_EnginePoolVersusTesseractCommand_PrintsPagesPerSecond()
    {
        const int rounds = 2;
        var files = Enumerable.Repeat(Pages, rounds).SelectMany(p => p).ToList();
        using var pool = new OcrEnginePool(new OcrOptions { MaxEngines = 2 });
        await Task.WhenAll(Pages.Take(2).Select(p => pool.RecognizeAsync(new PageImage(1, TestFiles.Read(p)), TimeSpan.FromMinutes(1), CancellationToken.None)));

        var images = files.Select(f => new PageImage(1, TestFiles.Read(f))).ToList();
        var library = Stopwatch.StartNew();
        await Task.WhenAll(images.Select(i => pool.RecognizeAsync(i, TimeSpan.FromMinutes(2), CancellationToken.None)));
        library.Stop();

        var cliDefault = await RunCliAsync(files, ompThreadLimit: null);
        var cliOneThread = await RunCliAsync(files, ompThreadLimit: "1");

        var libraryRate = files.Count / library.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pages: {files.Count} ({string.Join(", ", Pages)} x {rounds}), processors: {Environment.ProcessorCount}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"library, engine pool of 2: {library.Elapsed.TotalSeconds:0.00} s, {libraryRate:0.00} pages/s"));
        Report("tesseract CLI one by one (default OpenMP threads)", cliDefault, files.Count, libraryRate);
        Report("tesseract CLI one by one (OMP_THREAD_LIMIT=1)", cliOneThread, files.Count, libraryRate);
    }

    private void Report(string label, TimeSpan elapsed, int pages, double libraryRate)
    {
        var rate = pages / elapsed.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: {elapsed.TotalSeconds:0.00} s, {rate:0.00} pages/s; library is {libraryRate / rate:0.00}x"));
    }

    private static async Task<TimeSpan> RunCliAsync(List<string> files, string? ompThreadLimit)
    {
        var stopwatch = Stopwatch.StartNew();
        foreach (var file in files)
        {
            var start = new ProcessStartInfo("tesseract") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(Path.Combine(TestFiles.OcrDirectory, file));
            start.ArgumentList.Add("stdout");
            if (ompThreadLimit is not null)
            {
                start.Environment["OMP_THREAD_LIMIT"] = ompThreadLimit;
            }

            using var process = Process.Start(start)!;
            var text = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            await Task.WhenAll(text, errors);
            Assert.Equal(0, process.ExitCode);
        }

        return stopwatch.Elapsed;
    }

    private static List<WordBox> UnlvZones(string name) =>
        File.ReadAllLines(Path.Combine(TestFiles.OcrDirectory, name))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(parts => parts.Length >= 4)
            .Select(parts => parts.Take(4).Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray())
            .Select(n => new WordBox(n[0], n[1], n[0] + n[2], n[1] + n[3]))
            .ToList();
}
