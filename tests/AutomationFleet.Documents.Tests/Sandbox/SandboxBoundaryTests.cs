using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AutomationFleet.Documents.Ocr;
using AutomationFleet.Documents.Pdf;
using AutomationFleet.Documents.Sandbox;

namespace AutomationFleet.Documents.Tests.Sandbox;

/// <summary>
/// The sandbox as a boundary, each limit met by a hostile or heavy file, and the running child inspected from
/// outside through /proc: no FLEET_ variable, its own user, its own network namespace, its limits.
/// </summary>
[Trait("Category", "Integration")]
[Collection(SandboxCollection.Name)]
public sealed class SandboxBoundaryTests : IDisposable
{
    // A dense full page: about 4 s of OCR, long enough to look at the child while it works.
    private static readonly byte[] SlowPage = TestFiles.Read("8071_093.3B.tif");

    // Children are long-lived: every reader made here is disposed, so no test leaves a child for the next to find.
    private readonly List<DocumentReaderProcess> _readers = [];

    public void Dispose() => _readers.ForEach(r => r.Dispose());

    private DocumentReaderProcess CreateSut(DocumentSandboxOptions? sandbox = null, DocumentLimits? limits = null, OcrOptions? ocr = null)
    {
        var reader = new DocumentReaderProcess(limits ?? new DocumentLimits(), ocr ?? new OcrOptions { MaxEngines = 2 }, sandbox ?? new DocumentSandboxOptions());
        _readers.Add(reader);
        return reader;
    }

    [Fact]
    public async Task ReadAsync_WorkerHoldsFleetSecrets_ChildEnvironmentHasNone()
    {
        Environment.SetEnvironmentVariable("FLEET_Store__ConnectionString", "Password=not-for-the-sandbox");
        Environment.SetEnvironmentVariable("FLEET_SANDBOX_TEST_SECRET", "s3cret");
        try
        {
            var options = new DocumentSandboxOptions();
            var sut = CreateSut(options);
            var reading = sut.ReadAsync(SlowPage, null, CancellationToken.None);

            var pid = await SandboxChildren.WaitForRunningAsync(reading, options.AddressSpaceLimitBytes);
            var environment = SandboxChildren.EnvironmentOf(pid);

            Assert.DoesNotContain(environment.Keys, name => name.StartsWith("FLEET_", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(environment.Values, value => value.Contains("s3cret", StringComparison.Ordinal));
            Assert.Equal(sut.ChildEnvironment.Keys.Order(StringComparer.Ordinal), environment.Keys.Order(StringComparer.Ordinal));
            Assert.All(environment.Keys, name => Assert.True(name.StartsWith("DOTNET_", StringComparison.Ordinal) || name is "MALLOC_ARENA_MAX" or "OMP_THREAD_LIMIT" or "TESSDATA_PREFIX", name));
            Assert.Equal(Environment.GetEnvironmentVariable("OMP_THREAD_LIMIT") ?? "1", environment["OMP_THREAD_LIMIT"]); // Tesseract single-threaded, one child per core
            var document = await reading;
            Assert.Contains("Kilpatrick", document.Text, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("FLEET_Store__ConnectionString", null);
            Environment.SetEnvironmentVariable("FLEET_SANDBOX_TEST_SECRET", null);
        }
    }

    [Fact]
    public async Task ReadAsync_RunningChild_HasItsOwnUserLimitsAndEmptyFolder()
    {
        var options = new DocumentSandboxOptions { AddressSpaceLimitBytes = 4_900L * 1024 * 1024, CpuTimeLimit = TimeSpan.FromSeconds(300) };
        var sut = CreateSut(options);
        var reading = sut.ReadAsync(SlowPage, null, CancellationToken.None);

        var pid = await SandboxChildren.WaitForRunningAsync(reading, options.AddressSpaceLimitBytes);
        var limits = SandboxChildren.Limits(pid);
        var uids = File.ReadAllLines($"/proc/{pid}/status").Single(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        var folder = new DirectoryInfo(new DirectoryInfo($"/proc/{pid}/cwd").ResolveLinkTarget(returnFinalTarget: false)!.FullName);

        Assert.Equal(("5138022400", "5138022400"), limits["Max address space"]);

        // Soft: 300 s more than the child had used when the document came (its start: well under 5 s); hard: its
        // start and 50 documents (the default DocumentsPerChild) at 300 s each, plus one second, for its whole life.
        var cpu = limits["Max cpu time"];
        Assert.InRange(int.Parse(cpu.Soft, System.Globalization.CultureInfo.InvariantCulture), 300, 305);
        Assert.Equal(((300 * 51) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), cpu.Hard);
        Assert.Equal(("0", "0"), limits["Max core file size"]);
        Assert.StartsWith("fleet-sandbox-", folder.Name, StringComparison.Ordinal);
        Assert.Empty(folder.EnumerateFileSystemInfos());
        if (Environment.UserName == "root")
        {
            // The worker is root: the child is dropped to nobody, real, effective, saved and filesystem ids alike.
            Assert.Equal("nobody", sut.Isolation.RunAsUser);
            Assert.Equal("Uid:\t65534\t65534\t65534\t65534", uids);
            Assert.Equal("0000000000000000", SandboxChildren.Status(pid, "CapEff"));
            Assert.Equal("0000000000000000", SandboxChildren.Status(pid, "CapBnd"));
            Assert.Equal("1", SandboxChildren.Status(pid, "NoNewPrivs"));
        }
        else
        {
            // Not root: no user switch is possible, and the reader says so.
            Assert.Null(sut.Isolation.RunAsUser);
            Assert.Contains(sut.Isolation.Warnings, w => w.Contains("runs as the worker's own user", StringComparison.Ordinal));
        }

        await reading;
        Assert.True(folder.Exists, "the child stays for the next document");
        sut.Dispose();
        folder.Refresh();
        Assert.False(folder.Exists, "the child's working folder is removed after it");
    }

    [Fact]
    public async Task ReadAsync_ConnectFromChildsNetworkNamespace_Fails()
    {
        var sut = CreateSut();
        if (!sut.Isolation.NetworkIsolated)
        {
            // Where the machine cannot give the child a namespace, the reader refuses to run rather than read with the network.
            Assert.Contains(sut.Isolation.Errors, e => e.Contains("network namespace", StringComparison.Ordinal));
            await Assert.ThrowsAsync<InvalidOperationException>(() => sut.ReadAsync(SlowPage, null, CancellationToken.None));
            return;
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        Assert.Equal(0, await ConnectAsync(null, port)); // the same attempt from the worker's namespace gets through
        using (var accepted = await listener.AcceptTcpClientAsync())
        {
        }

        var reading = sut.ReadAsync(SlowPage, null, CancellationToken.None);
        var pid = await SandboxChildren.WaitForRunningAsync(reading, new DocumentSandboxOptions().AddressSpaceLimitBytes);
        var ownNamespace = new FileInfo($"/proc/{pid}/ns/net").ResolveLinkTarget(false)!.Name;
        var workerNamespace = new FileInfo("/proc/self/ns/net").ResolveLinkTarget(false)!.Name;

        var toWorker = await ConnectAsync(pid, port);
        var toOutside = await ConnectAsync(pid, 53, "192.0.2.1");

        Assert.NotEqual(workerNamespace, ownNamespace);
        Assert.NotEqual(0, toWorker);
        Assert.NotEqual(0, toOutside);
        Assert.False(listener.Pending(), "nothing from the sandbox's namespace reached the worker's listener");
        await reading;
    }

    [Fact]
    public async Task ReadAsync_DecompressionBombPastTheHeaderChecks_StoppedByAddressSpaceLimit()
    {
        // 90,000 x 90,000 pixels declared over 64 bytes of data: about 1 GB to decode. The header checks would reject
        // it (8,100 megapixels); they are lifted here, as a lying header or a decoder bug would, to show the
        // address-space limit holds by itself. The limit leaves about 0.5 GB above what the runtime reserves.
        var bomb = CcittTiffWriter.Wrap(new byte[64], 90_000, 90_000, -1, false, false);
        var lifted = new DocumentLimits { MaxPixelsPerPage = long.MaxValue, MaxDecompressedBytes = long.MaxValue };
        var options = new DocumentSandboxOptions { MemoryLimitBytes = 256L * 1024 * 1024, AddressSpaceLimitBytes = 3_500L * 1024 * 1024 };

        var ex = await Assert.ThrowsAsync<DocumentRejectedException>(() => CreateSut(options, lifted).ReadAsync(bomb, null, CancellationToken.None));

        Assert.Equal(DocumentRejectionKind.DecompressedTooLarge, ex.Kind);
        Assert.Equal("decoding the image of page 1 ran out of memory: it needs more than the reader's memory limit allows", ex.Message);
        Assert.Empty(SandboxChildren.Running());
        var after = await CreateSut().ReadAsync(TestFiles.Read("phototest.tif"), null, CancellationToken.None);
        Assert.Contains("quick brown", after.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_CpuBurningDocument_KilledAtCpuTimeLimit()
    {
        // Three dense pages: over 10 s of OCR; the CPU limit of 2 s ends the child long before its page or document
        // deadlines would.
        var heavy = TestFiles.MultiPageG4Tiff("8071_093.3B.tif", "8071_093.3B.tif", "8071_093.3B.tif");
        var options = new DocumentSandboxOptions { CpuTimeLimit = TimeSpan.FromSeconds(2) };
        var generous = new DocumentLimits { PerPageTimeout = TimeSpan.FromMinutes(10), PerDocumentTimeout = TimeSpan.FromMinutes(10) };
        var stopwatch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<DocumentRejectedException>(() => CreateSut(options, generous).ReadAsync(heavy, null, CancellationToken.None));

        Assert.Equal(DocumentRejectionKind.Timeout, ex.Kind);
        Assert.Equal("reading the document used more than the sandbox's CPU time limit of 2 s", ex.Message);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromMinutes(2), $"took {stopwatch.Elapsed}");
        Assert.Empty(SandboxChildren.Running());
    }

    [Fact]
    public async Task ReadAsync_AnswerOverOutputCap_ChildStoppedAndRejected()
    {
        // The page's text, words and page image come to several hundred KB of JSON; the cap is 64 KB.
        var options = new DocumentSandboxOptions { MaxOutputBytes = 64 * 1024 };

        var ex = await Assert.ThrowsAsync<DocumentRejectedException>(() => CreateSut(options).ReadAsync(SlowPage, null, CancellationToken.None));

        Assert.Equal(DocumentRejectionKind.OutputTooLarge, ex.Kind);
        Assert.Equal("the document reader's answer was over 65,536 bytes, the sandbox's output limit; the reader was stopped", ex.Message);
        Assert.Empty(SandboxChildren.Running());
    }

    [Fact]
    public async Task ReadAsync_UnknownSandboxUser_RefusesToRunAndSaysWhy()
    {
        var sut = CreateSut(new DocumentSandboxOptions { User = "no-such-fleet-user" });

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => sut.ReadAsync(SlowPage, null, CancellationToken.None));

        Assert.Contains(Environment.UserName == "root" ? "Documents:Sandbox:User 'no-such-fleet-user' is not a user on this machine" : "Documents:Sandbox:User is 'no-such-fleet-user', but the worker is not root", ex.Message, StringComparison.Ordinal);
        Assert.Empty(SandboxChildren.Running());
    }

    [Fact]
    public async Task CheckAsync_MissingLanguage_FailsWithTheDebianPackage()
    {
        var sut = CreateSut(ocr: new OcrOptions { Language = "xxq" });

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => sut.CheckAsync(CancellationToken.None));

        Assert.Contains("install the Debian package tesseract-ocr-xxq", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_SandboxAssemblyOutOfReach_StopsWithTheHostsMessage()
    {
        // A folder only the worker may enter (0700): as root the child is nobody and cannot open the assembly; as
        // another user it opens it but finds none of its dependencies beside it. Either way: did not start, and why.
        var hidden = Directory.CreateTempSubdirectory("fleet-hidden-");
        try
        {
            var assembly = Path.Combine(hidden.FullName, "AutomationFleet.Documents.Sandbox.dll");
            File.Copy(Path.Combine(AppContext.BaseDirectory, "AutomationFleet.Documents.Sandbox.dll"), assembly);
            var sut = CreateSut(new DocumentSandboxOptions { SandboxAssemblyPath = assembly });

            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => sut.CheckAsync(CancellationToken.None));

            Assert.StartsWith("The document sandbox did not start (exit code ", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            hidden.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task CheckAsync_Installed_Passes()
    {
        await CreateSut().CheckAsync(CancellationToken.None);
    }

    // Exit code of a TCP connect, run in the child's network namespace (nsenter) or, with no pid, in this one.
    private static async Task<int> ConnectAsync(int? pid, int port, string host = "127.0.0.1")
    {
        var script = $"exec 3<>/dev/tcp/{host}/{port}";
        var start = pid is { } target
            ? new ProcessStartInfo("nsenter") { ArgumentList = { "--target", target.ToString(System.Globalization.CultureInfo.InvariantCulture), "--net", "--", "timeout", "5", "bash", "-c", script } }
            : new ProcessStartInfo("timeout") { ArgumentList = { "5", "bash", "-c", script } };
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start)!;
        _ = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
