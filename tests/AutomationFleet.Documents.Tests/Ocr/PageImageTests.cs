using AutomationFleet.Documents.Ocr;
using AutomationFleet.Documents.Ocr.Native;

namespace AutomationFleet.Documents.Tests.Ocr;

/// <summary>The PNG rendition of each OCR'd page: its size, its format, and that word boxes scaled onto it sit on ink.</summary>
[Trait("Category", "Integration")]
public sealed class PageImageTests(OcrFixture fixture) : IClassFixture<OcrFixture>
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private DocumentReader CreateSut() => new(new DocumentLimits(), fixture.Pool);

    [Fact]
    public async Task ReadAsync_TiffG4Scan_KeepsFourBitGrayPngScaledToMaxWidth()
    {
        var document = await CreateSut().ReadAsync(TestFiles.Read("8071_093.3B.tif"), "scan.tif", CancellationToken.None);

        var page = Assert.Single(document.Pages);
        var image = Assert.IsType<OcrPageImage>(page.Image);
        Assert.Equal(PngSignature, image.Png[..8]);
        Assert.Equal(1600, image.Width);
        Assert.InRange(image.Height, (int)(page.Height * 1600 / page.Width) - 1, (int)(page.Height * 1600 / page.Width) + 1);
        var header = PngHeader(image.Png);
        Assert.Equal((image.Width, image.Height, 4), header);
        Assert.True(image.Png.Length < 1_000_000, $"the page image is {image.Png.Length:N0} bytes");
    }

    [Fact]
    public async Task ReadAsync_WordBoxesScaledOntoPageImage_SitOnInk()
    {
        var document = await CreateSut().ReadAsync(TestFiles.Read("8071_093.3B.tif"), "scan.tif", CancellationToken.None);
        var page = document.Pages[0];
        var image = page.Image!;
        var (scaleX, scaleY) = (image.Width / page.Width, image.Height / page.Height);

        using var pix = Decode(image.Png);
        var words = page.Words.Where(w => w.Confidence > 0.9 && w.Text.Length > 3).ToList();
        var inkInWords = words
            .Select(w => InkShare(pix, new WordBox(w.Box.Left * scaleX, w.Box.Top * scaleY, w.Box.Right * scaleX, w.Box.Bottom * scaleY)))
            .ToList();

        // Tesseract's boxes are tight around the ink: a thin ring just outside a box that is where it should be is
        // almost white, while a box off by a few pixels (a wrong scale, a box from before deskew) cuts through ink.
        var rings = words
            .Select(w => new WordBox(w.Box.Left * scaleX, w.Box.Top * scaleY, w.Box.Right * scaleX, w.Box.Bottom * scaleY))
            .Select(b => Ring(pix, b, inner: 1, outer: 3))
            .ToList();

        Assert.True(words.Count > 200);
        Assert.True(inkInWords.Count(i => i > 0.05) >= 0.95 * words.Count, $"{inkInWords.Count(i => i > 0.05)} of {words.Count} word boxes have ink");
        Assert.True(inkInWords.Average() > 10 * rings.Average(), $"ink in word boxes {inkInWords.Average():P1}, in a ring just outside them {rings.Average():P1}");
    }

    [Fact]
    public async Task ReadAsync_MultiPageTiff_EachPageHasItsOwnImage()
    {
        var tiff = TestFiles.MultiPageG4Tiff("phototest.tif", "eurotext.tif");

        var document = await CreateSut().ReadAsync(tiff, null, CancellationToken.None);

        Assert.Equal(2, document.Pages.Count);
        Assert.All(document.Pages, p =>
        {
            var image = Assert.IsType<OcrPageImage>(p.Image);
            Assert.True(image.Width <= 1600 && image.Width <= p.Width + 0.5);
            Assert.Equal((image.Width, image.Height, 4), PngHeader(image.Png));
        });
        Assert.NotEqual(document.Pages[0].Image!.Png, document.Pages[1].Image!.Png);
    }

    [Fact]
    public async Task ReadAsync_ScannedPdfAndPng_KeepPageImage()
    {
        var pdf = await CreateSut().ReadAsync(TestFiles.Read("8071_093.3B.pdf"), null, CancellationToken.None);
        var png = await CreateSut().ReadAsync(TestFiles.Convert("eurotext.tif", 3), null, CancellationToken.None);

        Assert.Equal(1600, pdf.Pages[0].Image?.Width);
        Assert.Equal((int)png.Pages[0].Width, png.Pages[0].Image?.Width);
    }

    [Fact]
    public async Task ReadAsync_GrayJpegScan_KeepsEightBitGrayPng()
    {
        // A JPEG is 8-bit gray, with more levels than 4 bits hold: its page image keeps them.
        var document = await CreateSut().ReadAsync(TestFiles.Convert("eurotext.tif", 2), null, CancellationToken.None);

        var image = Assert.IsType<OcrPageImage>(Assert.Single(document.Pages).Image);
        Assert.Equal((image.Width, image.Height, 8), PngHeader(image.Png));
    }

    [Fact]
    public async Task ReadAsync_TiffG4Scan_FourBitImageKeepsEveryGrayLevelOfTheScaledScan()
    {
        var document = await CreateSut().ReadAsync(TestFiles.Read("8071_093.3B.tif"), "scan.tif", CancellationToken.None);
        using var scaled = DecodeDeskewed(TestFiles.Read("8071_093.3B.tif"));
        using var eightBit = LeptonicaNative.pixScaleToGray(scaled, (float)PageImageRenderer.ScaleFor(LeptonicaNative.pixGetWidth(scaled), LeptonicaNative.pixGetHeight(scaled), 1600));

        using var kept = Decode(document.Pages[0].Image!.Png);

        Assert.Equal(GrayLevels(eightBit, 8).Count, GrayLevels(kept, 8).Count);
        Assert.True(GrayLevels(eightBit, 8).Count > 2);
    }

    [Fact]
    public async Task ReadAsync_TextPdf_NoPageImage()
    {
        var document = await CreateSut().ReadAsync(TestFiles.TextPdf(["Dear Council,"]), "application/pdf", CancellationToken.None);

        Assert.Null(Assert.Single(document.Pages).Image);
    }

    [Fact]
    public async Task ReadAsync_PageImageMaxWidthZero_NoPageImage()
    {
        using var pool = new OcrEnginePool(new OcrOptions { MaxEngines = 1, PageImageMaxWidth = 0 });

        var document = await new DocumentReader(new DocumentLimits(), pool).ReadAsync(TestFiles.Read("eurotext.tif"), null, CancellationToken.None);

        Assert.Null(Assert.Single(document.Pages).Image);
    }

    [Theory]
    [InlineData(3312, 2550, 1600, 1600.0 / 3312)]
    [InlineData(1000, 800, 1600, 1.0)]
    [InlineData(1000, 100_000, 1600, 3200.0 / 100_000)]
    public void ScaleFor_PageSizes_FitsMaxWidthAndTwiceItTallNeverUp(int width, int height, int maxWidth, double expected)
    {
        Assert.Equal(expected, PageImageRenderer.ScaleFor(width, height, maxWidth), 6);
    }

    private static unsafe (int Width, int Height, int BitsPerPixel) PngHeader(byte[] png)
    {
        fixed (byte* p = png)
        {
            Assert.Equal(0, LeptonicaNative.pixReadHeaderMem(p, (nuint)png.Length, out var format, out var w, out var h, out var bps, out var spp, out _));
            Assert.Equal(LeptonicaNative.FormatPng, format);
            return (w, h, bps * spp);
        }
    }

    /// <summary>The PNG as 8-bit gray, whatever its depth, so darkness compares on one scale.</summary>
    private static unsafe PixHandle Decode(byte[] png)
    {
        fixed (byte* p = png)
        {
            using var pix = LeptonicaNative.pixReadMem(p, (nuint)png.Length);
            Assert.False(pix.IsInvalid);
            var gray = LeptonicaNative.pixConvertTo8(pix, 0);
            Assert.False(gray.IsInvalid);
            return gray;
        }
    }

    private static unsafe PixHandle DecodeDeskewed(byte[] tiff)
    {
        fixed (byte* p = tiff)
        {
            using var pix = LeptonicaNative.pixReadMemTiff(p, (nuint)tiff.Length, 0);
            return LeptonicaNative.pixDeskew(pix, 0);
        }
    }

    /// <summary>The distinct pixel values of <paramref name="pix"/> (sampled every third pixel), which must be <paramref name="depth"/> bits deep.</summary>
    private static HashSet<uint> GrayLevels(PixHandle pix, int depth)
    {
        Assert.Equal(depth, LeptonicaNative.pixGetDepth(pix));
        var levels = new HashSet<uint>();
        for (var y = 0; y < LeptonicaNative.pixGetHeight(pix); y += 3)
        {
            for (var x = 0; x < LeptonicaNative.pixGetWidth(pix); x += 3)
            {
                _ = PixelReader.pixGetPixel(pix, x, y, out var value);
                levels.Add(value);
            }
        }

        return levels;
    }

    /// <summary>The share of pixels darker than mid-gray inside the box (clipped to the image).</summary>
    private static double InkShare(PixHandle pix, WordBox box)
    {
        var (dark, all) = InkCount(pix, box);
        return all == 0 ? 0 : (double)dark / all;
    }

    /// <summary>The share of dark pixels between the box grown by <paramref name="inner"/> and by <paramref name="outer"/> pixels.</summary>
    private static double Ring(PixHandle pix, WordBox box, int inner, int outer)
    {
        var (darkOuter, allOuter) = InkCount(pix, new WordBox(box.Left - outer, box.Top - outer, box.Right + outer, box.Bottom + outer));
        var (darkInner, allInner) = InkCount(pix, new WordBox(box.Left - inner, box.Top - inner, box.Right + inner, box.Bottom + inner));
        return allOuter == allInner ? 0 : (double)(darkOuter - darkInner) / (allOuter - allInner);
    }

    private static (long Dark, long All) InkCount(PixHandle pix, WordBox box)
    {
        var width = LeptonicaNative.pixGetWidth(pix);
        var height = LeptonicaNative.pixGetHeight(pix);
        var (left, top) = ((int)Math.Max(0, box.Left), (int)Math.Max(0, box.Top));
        var (right, bottom) = ((int)Math.Min(width, box.Right), (int)Math.Min(height, box.Bottom));
        long dark = 0, all = 0;
        for (var y = top; y < bottom; y++)
        {
            for (var x = left; x < right; x++)
            {
                _ = PixelReader.pixGetPixel(pix, x, y, out var value);
                dark += value < 128 ? 1 : 0;
                all++;
            }
        }

        return (dark, all);
    }
}
