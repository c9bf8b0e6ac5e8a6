using System.Diagnostics;
using System.Globalization;
using AutomationFleet.Documents.Ocr;
using AutomationFleet.Documents.Ocr.Native;
using Xunit.Abstractions;

namespace AutomationFleet.Documents.Tests.Ocr;

/// <summary>
/// What keeping the page image costs per page, against the OCR of the same page: deskewed scans of shared/data/ocr,
/// rendered at the default zlib level and at zlib's default 6. Prints milliseconds and bytes; asserts nothing about speed.
/// Run: dotnet test tests/AutomationFleet.Documents.Tests --filter FullyQualifiedName~PageImageBenchmark --logger "console;verbosity=detailed".
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class PageImageBenchmarkTests(ITestOutputHelper output)
{
    private const int Rounds = 5;

    [Theory]
    [InlineData("8071_093.3B.tif")]
    [InlineData("phototest.tif")]
    [InlineData("eurotext.tif")]
    public async Task Render_ScanPage_PrintsCostAgainstOcr(string name)
    {
        var data = TestFiles.Read(name);
        using var pool = new OcrEnginePool(new OcrOptions { MaxEngines = 1, PageImageMaxWidth = 0 });
        _ = await pool.RecognizeAsync(new PageImage(1, data), TimeSpan.FromMinutes(1), CancellationToken.None);
        var ocr = Stopwatch.StartNew();
        _ = await pool.RecognizeAsync(new PageImage(1, data), TimeSpan.FromMinutes(1), CancellationToken.None);
        ocr.Stop();

        using var pix = DecodeDeskewed(data);
        foreach (var level in new[] { PageImageRenderer.DefaultZlibLevel, 6 })
        {
            var image = PageImageRenderer.Render(pix, 1600, level)!;
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < Rounds; i++)
            {
                _ = PageImageRenderer.Render(pix, 1600, level);
            }

            watch.Stop();
            var ms = watch.Elapsed.TotalMilliseconds / Rounds;
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{name}: OCR {ocr.Elapsed.TotalMilliseconds:0} ms; page image zlib {level}: {ms:0.0} ms ({ms / ocr.Elapsed.TotalMilliseconds:P1} of the OCR), {image.Width}x{image.Height}, {image.Png.Length:N0} bytes"));
            Assert.NotEmpty(image.Png);
        }
    }

    private static unsafe PixHandle DecodeDeskewed(byte[] data)
    {
        PixHandle pix;
        fixed (byte* p = data)
        {
            pix = LeptonicaNative.pixReadMemTiff(p, (nuint)data.Length, 0);
        }

        var deskewed = LeptonicaNative.pixDeskew(pix, 0);
        pix.Dispose();
        return deskewed;
    }
}
