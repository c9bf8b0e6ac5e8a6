using AutomationFleet.Documents.Ocr;
using AutomationFleet.Documents.Pdf;

namespace AutomationFleet.Documents.Tests;

[Trait("Category", "Integration")]
public sealed class DocumentReaderTests(OcrFixture fixture) : IClassFixture<OcrFixture>
{
    private DocumentReader CreateSut(DocumentLimits? limits = null) => new(limits ?? new DocumentLimits(), fixture.Pool);

    [Fact]
    public async Task ReadAsync_TextPdf_ReturnsTextLayerInReadingOrderWithBoxes()
    {
        var pdf = TestFiles.TextPdf(["Dear Council,", "Please renew my Blue Badge."], ["Reference AB12 3CD"]);

        var document = await CreateSut().ReadAsync(pdf, "application/pdf", CancellationToken.None);

        Assert.Equal(DocumentFormat.Pdf, document.Format);
        Assert.Equal(2, document.Pages.Count);
        Assert.All(document.Pages, p => Assert.Equal(PageSource.Text, p.Source));
        Assert.Equal("Dear Council,\nPlease renew my Blue Badge.", document.Pages[0].Text);
        Assert.Equal("Reference AB12 3CD", document.Pages[1].Text);
        var dear = document.Pages[0].Words[0];
        Assert.Equal("Dear", dear.Text);
        Assert.Equal(1.0, dear.Confidence);
        Assert.InRange(dear.Box.Left, 71, 73);
        Assert.InRange(dear.Box.Bottom, 842 - 781, 842 - 778);
    }

    [Fact]
    public async Task ReadAsync_ScannedPdfWithCcittG4Image_OcrsThePage()
    {
        var document = await CreateSut().ReadAsync(TestFiles.Read("8071_093.3B.pdf"), null, CancellationToken.None);

        var page = Assert.Single(document.Pages);
        Assert.Equal(PageSource.Ocr, page.Source);
        Assert.Equal(PageUnit.Pixels, page.Unit);
        Assert.Contains("Kilpatrick", page.Text, StringComparison.Ordinal);
        Assert.InRange(page.MeanConfidence, 0.8, 1.0);
        Assert.True(page.Words.Count > 500);
        Assert.All(page.Words, w => Assert.InRange(w.Confidence, 0, 1));
        Assert.All(page.Words, w => Assert.True(w.Box.Right > w.Box.Left && w.Box.Bottom > w.Box.Top));
    }

    [Fact]
    public async Task ReadAsync_TiffG4_OcrsWithConfidence()
    {
        var document = await CreateSut().ReadAsync(TestFiles.Read("8071_093.3B.tif"), "scan.tif", CancellationToken.None);

        var page = Assert.Single(document.Pages);
        Assert.Equal(DocumentFormat.Tiff, document.Format);
        Assert.Equal((3312.0, 2550.0), (page.Width, page.Height));
        Assert.True(CharacterAccuracy.Of(TestFiles.Truth("8071_093.3B.txt"), page.Text) > 0.85);
    }

    [Fact]
    public async Task ReadAsync_MultiPageTiff_ReadsEveryPageInOrder()
    {
        var tiff = TestFiles.MultiPageG4Tiff("phototest.tif", "eurotext.tif");

        var document = await CreateSut().ReadAsync(tiff, null, CancellationToken.None);

        Assert.Equal(2, document.Pages.Count);
        Assert.Equal([1, 2], document.Pages.Select(p => p.Number));
        Assert.Contains("quick brown", document.Pages[0].Text, StringComparison.Ordinal);
        Assert.Contains("Fuchs", document.Pages[1].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3, DocumentFormat.Png)]
    [InlineData(2, DocumentFormat.Jpeg)]
    public async Task ReadAsync_PngAndJpeg_AreOcrd(int leptonicaFormat, DocumentFormat expected)
    {
        var image = TestFiles.Convert("phototest.tif", leptonicaFormat);

        var document = await CreateSut().ReadAsync(image, null, CancellationToken.None);

        Assert.Equal(expected, document.Format);
        Assert.True(CharacterAccuracy.Of(TestFiles.Truth("phototest.txt"), document.Text) > 0.97);
    }

    [Fact]
    public async Task ReadAsync_ZeroBytes_RejectedAsEmpty()
    {
        var ex = await Assert.ThrowsAsync<DocumentRejectedException>(() => CreateSut().ReadAsync(ReadOnlyMemory<byte>.Empty, "a.pdf", CancellationToken.None));

        Assert.Equal(DocumentRejectionKind.Empty, ex.Kind);
        Assert.Equal("the file is empty (0 bytes)", ex.Message);
    }

    [Fact]
    public async Task ReadAsync_TruncatedPdf_RejectedAsDamaged()
    {
        var truncated = TestFiles.Read("8071_093.3B.pdf")[..400];

        var ex = await Assert.ThrowsAsync<DocumentRejectedException>(() => CreateSut().ReadAsync(truncated, null, CancellationToken.None));

        Assert.Equal(DocumentRejectionKind.Damaged, ex.Kind);
        Assert.StartsWith("not a readable PDF", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_GarbageAfterPdfHeader_RejectedAsDamaged()
    {
        var garbage = "%PDF-1.7\n"u8.ToArray().Concat(Enumerable.Range(0, 5000).Select(i => (byte)((i * 7919) % 251))).ToArray();

        var ex = await Assert.ThrowsAsync<DocumentRejectedException>(() => CreateSut().ReadAsync(garbage, null, CancellationToken.None));

        Assert.Equal(DocumentRejectionKind.Damaged, ex.Kind);
    }

    [Fact]
    public async Task ReadAsync_EncryptedPdf_RejectedAsEncrypted()
    {
        var ex = await Assert.ThrowsAsync<DocumentRejectedException>(() => CreateSut().ReadAsync(HandMadePdf.Encrypted(), null, CancellationToken.None));

        Assert.Equal(DocumentRejectionKind.Encrypted, ex.Kind);
        Assert.Equal("the PDF is encrypted and needs a password", ex.Message);
    }

    [Fact]
    public async Task ReadAsync_UnknownFormat_RejectedAsUnsupported()
    {
        var ex = await Assert.ThrowsAsync<DocumentRejectedException>(() => CreateSut().ReadAsync("hello"u8.ToArray(), "note.txt", CancellationToken.None));

        Assert.Equal(DocumentRejectionKind.UnsupportedFormat, ex.Kind);
    }

    [Fact]
    public async Task ReadAsync_FileOverSizeLimit_RejectedBeforeDecoding()
    {
        var sut = CreateSut(new DocumentLimits { MaxFileBytes = 10_000 });

        var ex = await Assert.ThrowsAsync<DocumentRejectedException>(() => sut.ReadAsync(TestFiles.Read("8071_093.3B.tif"), null, CancellationToken.None));

        Assert.Equal(DocumentRejectionKind.FileTooLarge, ex.Kind);
        Assert.Matches(@"^the file is [\d,]+ bytes; the limit is 10,000 bytes$", ex.Message);
    }

    [Fact]
    public async Task ReadAsync_StreamOverSizeLimit_RejectedWhileReading()
    {
        var sut = CreateSut(new DocumentLimits { MaxFileBytes = 10_000 });
        await using var stream = new MemoryStream(TestFiles.Read("8071_093.3B.tif"));

        var ex = await Assert.ThrowsAsync<DocumentRejectedException>(() => sut.ReadAsync(stream, null, CancellationToken.None));

        Assert.Equal(DocumentRejectionKind.FileTooLarge, ex.Kind);
    }

    [Fact]
    public async Task ReadAsync_ImageHeaderDeclaringHugeDimensions_RejectedFromHeaderAlone()
    {
        var bomb = CcittTiffWriter.Wrap(new byte[64], 40_000, 40_000, -1, false, false);

        var ex = await Assert.ThrowsAsync<DocumentRejectedException>(() => CreateSut().ReadAsync(bomb, null, CancellationToken.None));

        Assert.Equal(DocumentRejectionKind.TooManyPixels, ex.Kind);
        Assert.Equal("page 1 is 40,000 x 40,000 pixels; the limit is 100 megapixels", ex.Message);
    }

    [Fact]
    public async Task ReadAsync_DecodedSizeOverLimit_Rejected()
    {
        var sut = CreateSut(new DocumentLimits { MaxDecompressedBytes = 100_000 });

        var ex = await Assert.ThrowsAsync<DocumentRejectedException>(() => sut.ReadAsync(TestFiles.Read("8071_093.3B.tif"), null, CancellationToken.None));

        Assert.Equal(DocumentRejectionKind.DecompressedTooLarge, ex.Kind);
    }

    [Fact]
    public async Task ReadAsync_PdfWithMorePagesThanLimit_Rejected()
    {
        var sut = CreateSut(new DocumentLimits { MaxPages = 2 });
        var pdf = TestFiles.TextPdf(["one"], ["two"], ["three"]);

        var ex = await Assert.ThrowsAsync<DocumentRejectedException>(() => sut.ReadAsync(pdf, null, CancellationToken.None));

        Assert.Equal(DocumentRejectionKind.TooManyPages, ex.Kind);
        Assert.Equal("the PDF has 3 pages; the limit is 2", ex.Message);
    }

    [Fact]
    public async Task ReadAsync_PageOverOcrDeadline_RejectedAsTimeout()
    {
        var sut = CreateSut(new DocumentLimits { PerPageTimeout = TimeSpan.FromMilliseconds(20) });

        var ex = await Assert.ThrowsAsync<DocumentRejectedException>(() => sut.ReadAsync(TestFiles.Read("8071_093.3B.tif"), null, CancellationToken.None));

        Assert.Equal(DocumentRejectionKind.Timeout, ex.Kind);
        Assert.StartsWith("OCR of page 1 took longer than its limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecognizeAsync_Cancelled_StopsAndPoolStillWorks()
    {
        using var cts = new CancellationTokenSource();
        var image = new PageImage(1, TestFiles.Read("8071_093.3B.tif"));

        // A dedicated thread, not a timer: under load the thread pool that runs timer callbacks can be
        // starved by the OCR itself, and the cancel would then arrive after the page is done.
        var canceller = new Thread(() =>
        {
            Thread.Sleep(300);
            cts.Cancel();
        });
        canceller.Start();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fixture.Pool.RecognizeAsync(image, TimeSpan.FromMinutes(1), cts.Token));
        var page = await fixture.Pool.RecognizeAsync(new PageImage(1, TestFiles.Read("phototest.tif")), TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Contains("quick brown", page.Text, StringComparison.Ordinal);
    }
}
