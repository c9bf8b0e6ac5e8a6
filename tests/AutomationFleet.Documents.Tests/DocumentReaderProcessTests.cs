using AutomationFleet.Documents.Ocr;

namespace AutomationFleet.Documents.Tests;

[Trait("Category", "Integration")]
[Collection(Sandbox.SandboxCollection.Name)]
public sealed class DocumentReaderProcessTests(OcrFixture fixture) : IClassFixture<OcrFixture>, IDisposable
{
    // Children are long-lived: every reader made here is disposed, so no test leaves a child for the next to find.
    private readonly List<Documents.Sandbox.DocumentReaderProcess> _readers = [];

    public void Dispose() => _readers.ForEach(r => r.Dispose());

    [Fact]
    public async Task ReadAsync_TextPdf_ParsedInSandbox()
    {
        var pdf = TestFiles.TextPdf(["Pothole on Station Road", "near the school gates"]);

        var document = await Create().ReadAsync(pdf, null, CancellationToken.None);

        var page = Assert.Single(document.Pages);
        Assert.Equal("Pothole on Station Road\nnear the school gates", page.Text);
        Assert.Equal(8, page.Words.Count);
    }

    [Fact]
    public async Task ReadAsync_ScannedPdf_ImageComesBackFromSandboxAndIsOcrd()
    {
        var document = await Create().ReadAsync(TestFiles.Read("8071_093.3B.pdf"), null, CancellationToken.None);

        var page = Assert.Single(document.Pages);
        Assert.Equal(PageSource.Ocr, page.Source);
        Assert.Contains("Kilpatrick", page.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tiff")]
    [InlineData("png")]
    [InlineData("jpeg")]
    [InlineData("multi-page tiff")]
    public async Task ReadAsync_Image_DecodedAndOcrdInSandboxSameAsInProcess(string kind)
    {
        var image = kind switch
        {
            "tiff" => TestFiles.Read("eurotext.tif"),
            "png" => TestFiles.Convert("phototest.tif", 3),
            "jpeg" => TestFiles.Convert("phototest.tif", 2),
            _ => TestFiles.MultiPageG4Tiff("phototest.tif", "eurotext.tif"),
        };

        var sandboxed = await Create().ReadAsync(image, null, CancellationToken.None);
        var inProcess = await new DocumentReader(new DocumentLimits(), fixture.Pool).ReadAsync(image, null, CancellationToken.None);

        Assert.Equal(inProcess.Format, sandboxed.Format);
        Assert.Equal(inProcess.Pages.Count, sandboxed.Pages.Count);
        foreach (var (expected, actual) in inProcess.Pages.Zip(sandboxed.Pages))
        {
            Assert.Equal(expected with { Words = [], Image = null }, actual with { Words = [], Image = null });
            Assert.Equal(expected.Words, actual.Words);
            Assert.Equal((expected.Image!.Width, expected.Image.Height), (actual.Image!.Width, actual.Image.Height));
            Assert.Equal(expected.Image.Png, actual.Image.Png);
        }
    }

    [Fact]
    public async Task ReadAsync_ImageHeaderDeclaringHugeDimensions_RejectedInSandboxFromHeaderAlone()
    {
        var bomb = Pdf.CcittTiffWriter.Wrap(new byte[64], 40_000, 40_000, -1, false, false);

        var ex = await Assert.ThrowsAsync<DocumentRejectedException>(() => Create().ReadAsync(bomb, null, CancellationToken.None));

        Assert.Equal(DocumentRejectionKind.TooManyPixels, ex.Kind);
        Assert.Equal("page 1 is 40,000 x 40,000 pixels; the limit is 100 megapixels", ex.Message);
    }

    [Fact]
    public async Task ReadAsync_EncryptedPdf_RejectionCrossesTheProcessBoundary()
    {
        var ex = await Assert.ThrowsAsync<DocumentRejectedException>(() => Create().ReadAsync(HandMadePdf.Encrypted(), null, CancellationToken.None));

        Assert.Equal(DocumentRejectionKind.Encrypted, ex.Kind);
    }

    [Fact]
    public async Task ReadAsync_DeeplyNestedPdf_RejectedWithoutHurtingCaller()
    {
        var ex = await Assert.ThrowsAsync<DocumentRejectedException>(() => Create().ReadAsync(HandMadePdf.DeeplyNested(200_000), null, CancellationToken.None));

        Assert.Equal(DocumentRejectionKind.Damaged, ex.Kind);
        var after = await Create().ReadAsync(TestFiles.TextPdf(["still alive"]), null, CancellationToken.None);
        Assert.Equal("still alive", after.Pages[0].Text);
    }

    [Fact]
    public async Task ReadAsync_SandboxOverDocumentTimeout_KilledAndCallerCarriesOn()
    {
        // The limit counts from when the document is sent to a ready child (a child's start is not the document's doing).
        var sut = Create(new DocumentLimits { PerDocumentTimeout = TimeSpan.FromMilliseconds(30) }, engines: 1);
        await sut.CheckAsync(CancellationToken.None);

        var ex = await Assert.ThrowsAsync<DocumentRejectedException>(() => sut.ReadAsync(TestFiles.Read("8071_093.3B.pdf"), null, CancellationToken.None));

        Assert.Equal(DocumentRejectionKind.Timeout, ex.Kind);
        Assert.Equal("reading the document took longer than its limit of 0 s", ex.Message);
        Assert.Empty(Sandbox.SandboxChildren.Running());
        var after = await Create().ReadAsync(TestFiles.TextPdf(["next item"]), null, CancellationToken.None);
        Assert.Equal("next item", after.Pages[0].Text);
    }

    private Documents.Sandbox.DocumentReaderProcess Create(DocumentLimits? limits = null, int engines = 2)
    {
        var reader = new Documents.Sandbox.DocumentReaderProcess(limits ?? new DocumentLimits(), new Documents.Ocr.OcrOptions { MaxEngines = engines });
        _readers.Add(reader);
        return reader;
    }
}
