namespace AutomationFleet.Documents.Tests;

[Trait("Category", "Integration")]
public sealed class DocumentReaderProcessTests(OcrFixture fixture) : IClassFixture<OcrFixture>
{
    private DocumentReaderProcessFactory Factory => new(fixture);

    [Fact]
    public async Task ReadAsync_TextPdf_ParsedInSandbox()
    {
        var pdf = TestFiles.TextPdf(["Pothole on Station Road", "near the school gates"]);

        var document = await Factory.Create().ReadAsync(pdf, null, CancellationToken.None);

        var page = Assert.Single(document.Pages);
        Assert.Equal("Pothole on Station Road\nnear the school gates", page.Text);
        Assert.Equal(8, page.Words.Count);
    }

    [Fact]
    public async Task ReadAsync_ScannedPdf_ImageComesBackFromSandboxAndIsOcrd()
    {
        var document = await Factory.Create().ReadAsync(TestFiles.Read("8071_093.3B.pdf"), null, CancellationToken.None);

        var page = Assert.Single(document.Pages);
        Assert.Equal(PageSource.Ocr, page.Source);
        Assert.Contains("Kilpatrick", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_EncryptedPdf_RejectionCrossesTheProcessBoundary()
    {
        var ex = await Assert.ThrowsAsync<DocumentRejectedException>(() => Factory.Create().ReadAsync(HandMadePdf.Encrypted(), null, CancellationToken.None));

        Assert.Equal(DocumentRejectionKind.Encrypted, ex.Kind);
    }

    [Fact]
    public async Task ReadAsync_DeeplyNestedPdf_RejectedWithoutHurtingCaller()
    {
        var ex = await Assert.ThrowsAsync<DocumentRejectedException>(() => Factory.Create().ReadAsync(HandMadePdf.DeeplyNested(200_000), null, CancellationToken.None));

        Assert.Equal(DocumentRejectionKind.Damaged, ex.Kind);
        var after = await Factory.Create().ReadAsync(TestFiles.TextPdf(["still alive"]), null, CancellationToken.None);
        Assert.Equal("still alive", after.Pages[0].Text);
    }

    [Fact]
    public async Task ReadAsync_SandboxOverDocumentTimeout_KilledAndCallerCarriesOn()
    {
        var sut = Factory.Create(new DocumentLimits { PerDocumentTimeout = TimeSpan.FromMilliseconds(30) });

        var ex = await Assert.ThrowsAsync<DocumentRejectedException>(() => sut.ReadAsync(TestFiles.Read("8071_093.3B.pdf"), null, CancellationToken.None));

        Assert.Equal(DocumentRejectionKind.Timeout, ex.Kind);
        Assert.Equal("reading the document took longer than its limit of 0 s", ex.Message);
        Assert.Empty(SandboxChildren());
        var after = await Factory.Create().ReadAsync(TestFiles.TextPdf(["next item"]), null, CancellationToken.None);
        Assert.Equal("next item", after.Pages[0].Text);
    }

    private static List<int> SandboxChildren()
    {
        var me = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var children = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline"));
                var status = File.ReadAllLines(Path.Combine(dir, "status"));
                var parent = status.FirstOrDefault(l => l.StartsWith("PPid:", StringComparison.Ordinal))?.Split('\t', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
                if (cmdline.Contains("AutomationFleet.Documents.Sandbox", StringComparison.Ordinal) && parent == me)
                {
                    children.Add(pid);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return children;
    }

    private sealed class DocumentReaderProcessFactory(OcrFixture fixture)
    {
        public Sandbox.DocumentReaderProcess Create(DocumentLimits? limits = null) => new(limits ?? new DocumentLimits(), fixture.Pool);
    }
}
