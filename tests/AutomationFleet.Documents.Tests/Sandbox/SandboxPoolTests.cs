using System.Diagnostics;
using AutomationFleet.Documents.Ocr;
using AutomationFleet.Documents.Sandbox;

namespace AutomationFleet.Documents.Tests.Sandbox;

/// <summary>
/// The pool of long-lived sandbox children: a child reads documents one after another with its engines loaded once,
/// and is replaced — never reused — when it is killed, crashes, runs out of time, reads a rejected file or has read
/// <see cref="DocumentSandboxOptions.DocumentsPerChild"/> documents. Children are counted from outside through /proc.
/// </summary>
[Trait("Category", "Integration")]
[Collection(SandboxCollection.Name)]
public sealed class SandboxPoolTests : IDisposable
{
    private static readonly byte[] SlowPage = TestFiles.Read("8071_093.3B.tif");
    private readonly List<DocumentReaderProcess> _readers = [];

    public void Dispose() => _readers.ForEach(r => r.Dispose());

    [Fact]
    public async Task ReadAsync_DocumentsOneAfterAnother_OneChildReadsThemAll()
    {
        var sut = CreateSut(engines: 1);

        var first = await sut.ReadAsync(TestFiles.Read("phototest.tif"), null, CancellationToken.None);
        var child = Assert.Single(SandboxChildren.Running());
        var second = await sut.ReadAsync(TestFiles.Read("eurotext.tif"), null, CancellationToken.None);
        var third = await sut.ReadAsync(TestFiles.TextPdf(["Pothole on Station Road"]), null, CancellationToken.None);

        Assert.Contains("quick brown", first.Text, StringComparison.Ordinal);
        Assert.Contains("duck", second.Text, StringComparison.Ordinal);
        Assert.Equal("Pothole on Station Road", third.Pages[0].Text);
        Assert.Equal(1, sut.ChildrenStarted);
        Assert.Equal([child], SandboxChildren.Running());
    }

    [Fact]
    public async Task ReadAsync_ChildKilledMidDocument_RejectedThenNextDocumentReadByNewChild()
    {
        var options = new DocumentSandboxOptions();
        var sut = CreateSut(options, engines: 1);
        await sut.CheckAsync(CancellationToken.None);
        var reading = sut.ReadAsync(SlowPage, null, CancellationToken.None);
        var pid = await SandboxChildren.WaitForRunningAsync(reading, options.AddressSpaceLimitBytes);

        using (var child = Process.GetProcessById(pid))
        {
            child.Kill();
        }

        var ex = await Assert.ThrowsAsync<DocumentRejectedException>(() => reading);
        Assert.Equal(DocumentRejectionKind.Damaged, ex.Kind);
        Assert.StartsWith("the document reader was killed (signal 9)", ex.Message, StringComparison.Ordinal);
        Assert.Empty(SandboxChildren.Running());

        var next = await sut.ReadAsync(TestFiles.Read("phototest.tif"), null, CancellationToken.None);

        Assert.Contains("quick brown", next.Text, StringComparison.Ordinal);
        Assert.Equal(2, sut.ChildrenStarted);
        Assert.DoesNotContain(pid, SandboxChildren.Running());
    }

    [Fact]
    public async Task ReadAsync_DocumentKillingItsChildAmongOthers_OnlyItRejectedWithReasonOthersRead()
    {
        // Three dense pages need far more than the 2 s of CPU a document may use: the kernel ends that child (SIGXCPU)
        // mid-document, as a crash would. The small documents around it need well under 2 s each.
        var sut = CreateSut(new DocumentSandboxOptions { CpuTimeLimit = TimeSpan.FromSeconds(2) }, engines: 2);
        await sut.CheckAsync(CancellationToken.None);
        var killing = TestFiles.MultiPageG4Tiff("8071_093.3B.tif", "8071_093.3B.tif", "8071_093.3B.tif");

        var readings = new[]
        {
            sut.ReadAsync(TestFiles.Read("phototest.tif"), null, CancellationToken.None),
            sut.ReadAsync(killing, null, CancellationToken.None),
            sut.ReadAsync(TestFiles.Read("eurotext.tif"), null, CancellationToken.None),
            sut.ReadAsync(TestFiles.TextPdf(["still read"]), null, CancellationToken.None),
        };
        var ex = await Assert.ThrowsAsync<DocumentRejectedException>(() => readings[1]);

        Assert.Equal(DocumentRejectionKind.Timeout, ex.Kind);
        Assert.Equal("reading the document used more than the sandbox's CPU time limit of 2 s", ex.Message);
        Assert.Contains("quick brown", (await readings[0]).Text, StringComparison.Ordinal);
        Assert.Contains("duck", (await readings[2]).Text, StringComparison.Ordinal);
        Assert.Equal("still read", (await readings[3]).Pages[0].Text);
        Assert.Single(SandboxChildren.Running()); // the killed child is gone; the other stays for the next document

        // The pool fills up again: one child is started in place of the one killed, and both read.
        await sut.CheckAsync(CancellationToken.None);
        Assert.Equal(2, SandboxChildren.Running().Count);
        Assert.Equal(3, sut.ChildrenStarted);
        var again = await Task.WhenAll(
            sut.ReadAsync(TestFiles.TextPdf(["one"]), null, CancellationToken.None),
            sut.ReadAsync(TestFiles.TextPdf(["two"]), null, CancellationToken.None));
        Assert.Equal(["one", "two"], again.Select(d => d.Pages[0].Text));
    }

    [Fact]
    public async Task ReadAsync_WarmChildOverDocumentTimeout_KilledAndReplaced()
    {
        // Three dense pages take over 10 s of CPU; the next document, a one-line text PDF, well under the 3 s limit.
        var sut = CreateSut(limits: new DocumentLimits { PerDocumentTimeout = TimeSpan.FromSeconds(3) }, engines: 1);
        await sut.CheckAsync(CancellationToken.None);
        var warm = Assert.Single(SandboxChildren.Running());
        var heavy = TestFiles.MultiPageG4Tiff("8071_093.3B.tif", "8071_093.3B.tif", "8071_093.3B.tif");

        var ex = await Assert.ThrowsAsync<DocumentRejectedException>(() => sut.ReadAsync(heavy, null, CancellationToken.None));

        Assert.Equal(DocumentRejectionKind.Timeout, ex.Kind);
        Assert.Empty(SandboxChildren.Running());
        var next = await sut.ReadAsync(TestFiles.TextPdf(["next item"]), null, CancellationToken.None);
        Assert.Equal("next item", next.Pages[0].Text);
        Assert.DoesNotContain(warm, SandboxChildren.Running());
    }

    [Fact]
    public async Task ReadAsync_RejectedDocument_ChildEndedAndNextReadByNewChild()
    {
        var sut = CreateSut(engines: 1);
        await sut.CheckAsync(CancellationToken.None);

        var ex = await Assert.ThrowsAsync<DocumentRejectedException>(() => sut.ReadAsync(HandMadePdf.Encrypted(), null, CancellationToken.None));

        Assert.Equal(DocumentRejectionKind.Encrypted, ex.Kind);
        Assert.Empty(SandboxChildren.Running());
        var next = await sut.ReadAsync(TestFiles.TextPdf(["after the refused file"]), null, CancellationToken.None);
        Assert.Equal("after the refused file", next.Pages[0].Text);
        Assert.Equal(2, sut.ChildrenStarted);
    }

    [Fact]
    public async Task ReadAsync_DocumentsPerChildReached_ChildEndedAndNextReadByNewChild()
    {
        var sut = CreateSut(new DocumentSandboxOptions { DocumentsPerChild = 2 }, engines: 1);

        await sut.ReadAsync(TestFiles.TextPdf(["one"]), null, CancellationToken.None);
        Assert.Single(SandboxChildren.Running());
        await sut.ReadAsync(TestFiles.TextPdf(["two"]), null, CancellationToken.None);
        Assert.Empty(SandboxChildren.Running());
        var third = await sut.ReadAsync(TestFiles.TextPdf(["three"]), null, CancellationToken.None);

        Assert.Equal("three", third.Pages[0].Text);
        Assert.Equal(2, sut.ChildrenStarted);
    }

    [Fact]
    public async Task ReadAsync_DensePagesInOneChild_CpuLimitCountsPerDocument()
    {
        // Each dense page takes a few seconds of CPU; three of them in one child take more than the 8 s limit, which
        // holds for each document, not for the child's life.
        var sut = CreateSut(new DocumentSandboxOptions { CpuTimeLimit = TimeSpan.FromSeconds(8) }, engines: 1);

        for (var i = 0; i < 3; i++)
        {
            var page = await sut.ReadAsync(SlowPage, null, CancellationToken.None);
            Assert.Contains("Kilpatrick", page.Text, StringComparison.Ordinal);
        }

        Assert.Equal(1, sut.ChildrenStarted);
    }

    [Fact]
    public async Task CheckAsync_StartsEveryChildAhead_FirstDocumentsStartNoneAndDisposeEndsThem()
    {
        var sut = CreateSut(engines: 2);

        await sut.CheckAsync(CancellationToken.None);
        Assert.Equal(2, SandboxChildren.Running().Count);
        await Task.WhenAll(
            sut.ReadAsync(TestFiles.TextPdf(["a"]), null, CancellationToken.None),
            sut.ReadAsync(TestFiles.TextPdf(["b"]), null, CancellationToken.None));
        Assert.Equal(2, sut.ChildrenStarted);

        sut.Dispose();
        Assert.Empty(SandboxChildren.Running());
    }

    private DocumentReaderProcess CreateSut(DocumentSandboxOptions? options = null, DocumentLimits? limits = null, int engines = 2)
    {
        var reader = new DocumentReaderProcess(limits ?? new DocumentLimits(), new OcrOptions { MaxEngines = engines }, options ?? new DocumentSandboxOptions());
        _readers.Add(reader);
        return reader;
    }
}
