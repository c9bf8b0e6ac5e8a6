using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using AutomationFleet.Documents.Ocr;
using Xunit.Abstractions;

namespace AutomationFleet.Documents.Tests.Ocr;

/// <summary>
/// Processor time, not wall time (so it holds on a busy machine), for the same page read through our engine and by the
/// <c>tesseract</c> command (one thread, <c>OMP_THREAD_LIMIT=1</c>, as the benchmark's peer): the engine without the
/// page image, with deskew and without, then with the page image; the command on the page and on a blank 64 x 64 page
/// (its start-up and model load, paid once per page). Prints milliseconds a page; asserts only that both read text.
/// Run: dotnet test tests/AutomationFleet.Documents.Tests -c Release --filter FullyQualifiedName~RecognitionCpuBenchmark --logger "console;verbosity=detailed".
/// </summary>
[Trait("Category", "Benchmark")]
public sealed partial class RecognitionCpuBenchmarkTests(ITestOutputHelper output)
{
    private const int Rounds = 3;
    private const int RusageChildren = -1;

    [Theory]
    [InlineData("8071_093.3B.tif")]
    [InlineData("eurotext.tif")]
    [InlineData("phototest.tif")]
    public async Task Cpu_EngineAgainstTesseractCommandSamePage_PrintsMillisecondsAPage(string name)
    {
        var data = TestFiles.Read(name);
        var deskewed = await EngineCpuAsync(data, new OcrOptions { MaxEngines = 1, PageImageMaxWidth = 0 });
        var asIs = await EngineCpuAsync(data, new OcrOptions { MaxEngines = 1, PageImageMaxWidth = 0, Deskew = false });
        var withImage = await EngineCpuAsync(data, new OcrOptions { MaxEngines = 1 });
        var command = await CommandCpuAsync(Path.Combine(TestFiles.OcrDirectory, name));
        var blank = Path.Combine(Path.GetTempPath(), $"blank-{Guid.NewGuid():N}.png");
        try
        {
            await File.WriteAllBytesAsync(blank, BlankPng());
            var startUp = await CommandCpuAsync(blank);
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{name}: engine {deskewed:0} ms (deskew on, the default), {asIs:0} ms (deskew off), {withImage:0} ms (deskew and page image); tesseract command {command:0} ms, of which start-up and model load {startUp:0} ms (blank page)"));
        }
        finally
        {
            File.Delete(blank);
        }
    }

    /// <summary>Mean processor time of this process per page over <see cref="Rounds"/> reads, after one untimed read.</summary>
    private static async Task<double> EngineCpuAsync(byte[] data, OcrOptions options)
    {
        using var pool = new OcrEnginePool(options);
        var first = await pool.RecognizeAsync(new PageImage(1, data), TimeSpan.FromMinutes(2), CancellationToken.None);
        Assert.False(string.IsNullOrWhiteSpace(first.Text));
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var before = self.TotalProcessorTime;
        for (var i = 0; i < Rounds; i++)
        {
            _ = await pool.RecognizeAsync(new PageImage(1, data), TimeSpan.FromMinutes(2), CancellationToken.None);
        }

        self.Refresh();
        return (self.TotalProcessorTime - before).TotalMilliseconds / Rounds;
    }

    /// <summary>Mean processor time (user + system, from getrusage of reaped children) of one <c>tesseract</c> run.</summary>
    private static async Task<double> CommandCpuAsync(string path)
    {
        var before = ChildrenCpuMilliseconds();
        for (var i = 0; i < Rounds; i++)
        {
            var start = new ProcessStartInfo("tesseract") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(path);
            start.ArgumentList.Add("-");
            start.Environment["OMP_THREAD_LIMIT"] = "1";
            using var process = Process.Start(start)!;
            var text = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            await Task.WhenAll(text, errors);
            Assert.Equal(0, process.ExitCode);
        }

        return (ChildrenCpuMilliseconds() - before) / Rounds;
    }

    private static double ChildrenCpuMilliseconds()
    {
        Assert.Equal(0, getrusage(RusageChildren, out var usage));
        return (usage.UserSeconds + usage.SystemSeconds) * 1000.0 + (usage.UserMicroseconds + usage.SystemMicroseconds) / 1000.0;
    }

    private static unsafe byte[] BlankPng()
    {
        var pix = pixCreate(64, 64, 1);
        try
        {
            Assert.Equal(0, pixWriteMem(out var data, out var size, pix, 3));
            var bytes = new ReadOnlySpan<byte>((void*)data, (int)size).ToArray();
            lept_free(data);
            return bytes;
        }
        finally
        {
            pixDestroy(ref pix);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;

        // The rest of struct rusage (14 longs of counters), not read.
        private unsafe fixed long _rest[14];
    }

    [LibraryImport("libc")]
    private static partial int getrusage(int who, out Rusage usage);

    [LibraryImport("liblept.so.5")]
    private static partial IntPtr pixCreate(int width, int height, int depth);

    [LibraryImport("liblept.so.5")]
    private static partial int pixWriteMem(out IntPtr data, out nuint size, IntPtr pix, int format);

    [LibraryImport("liblept.so.5")]
    private static partial void lept_free(IntPtr data);

    [LibraryImport("liblept.so.5")]
    private static partial void pixDestroy(ref IntPtr pix);
}
