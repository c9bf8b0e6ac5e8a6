using AutomationFleet.Core.WorkItems;
using AutomationFleet.Worker.Inbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Worker.Tests.Inbox;

[Trait("Category", "Integration")]
public sealed class InboxFolderSourceTests : IAsyncLifetime
{
    private static readonly byte[] PdfBytes = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();
    private TempFleetDatabase _db = null!;
    private InboxOptions _options = null!;

    public async Task InitializeAsync()
    {
        _db = await TempFleetDatabase.CreateAsync();
        _options = new InboxOptions
        {
            Path = Path.Combine(_db.Directory, "inbox"),
            QuarantinePath = Path.Combine(_db.Directory, "quarantine"),
            ProcessedPath = Path.Combine(_db.Directory, "processed"),
            MaxFileBytes = 1024,
            PollInterval = TimeSpan.FromMilliseconds(20),
        };
        Directory.CreateDirectory(_options.Path);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private InboxFolderSource CreateSut() =>
        new(Options.Create(_options), _db.Store, _db.Blobs, TimeProvider.System, NullLogger<InboxFolderSource>.Instance);

    private string Drop(string name, byte[] content)
    {
        var path = Path.Combine(_options.Path, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private Task<IReadOnlyList<WorkItem>> ItemsAsync() => _db.Store.ListAsync(WorkItemState.New, "inbound-post", 100, CancellationToken.None);

    [Fact]
    public async Task ScanOnceAsync_GoodPdf_EnqueuedWithAttachmentThenMovedAside()
    {
        var sut = CreateSut();
        Drop("Letter from Jane Doe.pdf", PdfBytes);

        Assert.Equal(0, await sut.ScanOnceAsync(CancellationToken.None)); // first sighting: not yet known to be complete
        Assert.Empty(await ItemsAsync());
        Assert.Equal(1, await sut.ScanOnceAsync(CancellationToken.None));

        var item = Assert.Single(await ItemsAsync());
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(PdfBytes));
        Assert.Equal($"inbox:{hash}", item.Reference);
        var attachment = Assert.Single(item.Attachments);
        Assert.Equal("application/pdf", attachment.MediaType);
        Assert.Equal(hash, attachment.ContentHash);
        await using (var stored = _db.Blobs.OpenRead(hash))
        {
            using var copy = new MemoryStream();
            await stored.CopyToAsync(copy);
            Assert.Equal(PdfBytes, copy.ToArray());
        }

        Assert.Contains("\"source\":\"inbox\"", item.PayloadJson, StringComparison.Ordinal);
        Assert.Contains("\"attachment\":0", item.PayloadJson, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_options.Path));
        Assert.True(File.Exists(Path.Combine(_options.ProcessedPath, "Letter from Jane Doe.pdf")));
        Assert.Equal("inbox", Assert.Single(await _db.Store.GetAuditTrailAsync(item.Id, CancellationToken.None)).Actor);
    }

    [Fact]
    public async Task AddInboxFolder_NamedFolderOfJsonForms_EnqueuedOnItsQueueAndNonJsonQuarantined()
    {
        var root = Path.Combine(_db.Directory, "forms");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Inbox:Enabled"] = "false",
            ["Inboxes:contact-forms:Path"] = Path.Combine(root, "in"),
            ["Inboxes:contact-forms:QuarantinePath"] = Path.Combine(root, "quarantine"),
            ["Inboxes:contact-forms:ProcessedPath"] = Path.Combine(root, "processed"),
            ["Inboxes:contact-forms:Queue"] = "contact-forms",
            ["Inboxes:contact-forms:AllowedExtensions:0"] = ".json",
            ["Inboxes:contact-forms:PollInterval"] = "00:00:00.020",
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<IWorkQueue>(_db.Store)
            .AddSingleton<AutomationFleet.Core.Blobs.IBlobStore>(_db.Blobs)
            .AddLogging();
        services.AddInboxFolder(configuration);
        await using var provider = services.BuildServiceProvider();
        var sources = provider.GetServices<IHostedService>().OfType<InboxFolderSource>().ToList();
        var named = sources[1];
        Directory.CreateDirectory(Path.Combine(root, "in"));
        var form = """{"person":{"surname":"Doe"},"message":"hello"}"""u8.ToArray();
        File.WriteAllBytes(Path.Combine(root, "in", "form.json"), form);
        File.WriteAllBytes(Path.Combine(root, "in", "notes.json"), "not json"u8.ToArray());

        await named.ScanOnceAsync(CancellationToken.None);
        await named.ScanOnceAsync(CancellationToken.None);

        var item = Assert.Single(await _db.Store.ListAsync(WorkItemState.New, "contact-forms", 10, CancellationToken.None));
        Assert.Equal($"inbox-contact-forms:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(form))}", item.Reference);
        Assert.Equal("application/json", Assert.Single(item.Attachments).MediaType);
        Assert.Contains("not a JSON object", File.ReadAllText(Assert.Single(Directory.GetFiles(Path.Combine(root, "quarantine"), "*.reason.txt"))), StringComparison.Ordinal);
        Assert.Equal(2, sources.Count);
    }

    [Fact]
    public async Task ScanOnceAsync_SameContentDroppedTwice_OneItemAndBothMovedAside()
    {
        var sut = CreateSut();
        Drop("scan.pdf", PdfBytes);
        await sut.ScanOnceAsync(CancellationToken.None);
        await sut.ScanOnceAsync(CancellationToken.None);
        Drop("scan.pdf", PdfBytes);
        await sut.ScanOnceAsync(CancellationToken.None);
        await sut.ScanOnceAsync(CancellationToken.None);

        Assert.Single(await ItemsAsync());
        Assert.Empty(Directory.GetFiles(_options.Path));
        Assert.True(File.Exists(Path.Combine(_options.ProcessedPath, "scan.pdf")));
        Assert.True(File.Exists(Path.Combine(_options.ProcessedPath, "scan (1).pdf")));
    }

    [Fact]
    public async Task ScanOnceAsync_FileStillBeingWritten_NotTakenUntilStable()
    {
        var sut = CreateSut();
        var path = Drop("arriving.pdf", PdfBytes[..10]);
        await sut.ScanOnceAsync(CancellationToken.None);
        await using (var stream = new FileStream(path, FileMode.Append))
        {
            await stream.WriteAsync(PdfBytes.AsMemory(10));
        }

        Assert.Equal(0, await sut.ScanOnceAsync(CancellationToken.None));
        Assert.Empty(await ItemsAsync());
        Assert.True(File.Exists(path));

        Assert.Equal(1, await sut.ScanOnceAsync(CancellationToken.None));
        var item = Assert.Single(await ItemsAsync());
        Assert.Equal(PdfBytes.Length, Assert.Single(item.Attachments).Length);
    }

    [Theory]
    [InlineData("empty.pdf", 0, "empty file")]
    [InlineData("huge.pdf", 2000, "file is 2000 bytes; limit is 1024")]
    [InlineData("fake.pdf", 100, "content is not a PDF")]
    [InlineData("fake.png", 100, "content is not a PNG image")]
    [InlineData("fake.tif", 100, "content is not a TIFF image")]
    [InlineData("fake.jpg", 100, "content is not a JPEG image")]
    [InlineData("macro.docm", 100, "extension '.docm' is not accepted")]
    public async Task ScanOnceAsync_BadFile_QuarantinedWithReasonSidecar(string name, int length, string reason)
    {
        var sut = CreateSut();
        var content = length == 2000 ? [.. PdfBytes, .. new byte[length - PdfBytes.Length]] : Enumerable.Repeat((byte)'x', length).ToArray();
        Drop(name, content);

        await sut.ScanOnceAsync(CancellationToken.None);
        await sut.ScanOnceAsync(CancellationToken.None);

        Assert.Empty(await ItemsAsync());
        Assert.Empty(Directory.GetFiles(_options.Path));
        Assert.True(File.Exists(Path.Combine(_options.QuarantinePath, name)));
        var sidecar = await File.ReadAllTextAsync(Path.Combine(_options.QuarantinePath, name + ".reason.txt"));
        Assert.Contains($"Reason: {reason}", sidecar, StringComparison.Ordinal);
        Assert.Contains("Quarantine id: q-", sidecar, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_BadFilesAmongGood_QuarantinesThemAndKeepsRunning()
    {
        using var sut = CreateSut();
        Drop("empty.pdf", []);
        Drop("notreally.pdf", "hello"u8.ToArray());
        Drop("note.exe", "MZ"u8.ToArray());
        Drop("letter.txt", "Dear council,\nplease collect the bins.\n"u8.ToArray());
        await sut.StartAsync(CancellationToken.None);
        try
        {
            await WaitUntilAsync(async () => (await ItemsAsync()).Count == 1 && Directory.GetFiles(_options.Path).Length == 0);
            // Still running: a file dropped later is taken too.
            Drop("later.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]);
            await WaitUntilAsync(async () => (await ItemsAsync()).Count == 2);
        }
        finally
        {
            await sut.StopAsync(CancellationToken.None);
        }

        Assert.Equal(3, Directory.GetFiles(_options.QuarantinePath, "*.reason.txt").Length);
        Assert.Equal(2, Directory.GetFiles(_options.ProcessedPath).Length);
    }

    [Fact]
    public void Validate_BadSettings_ReportsEachByPath()
    {
        var options = new InboxOptions
        {
            Path = "same",
            QuarantinePath = "same",
            PollInterval = TimeSpan.Zero,
            MaxFileBytes = 0,
            Queue = " ",
            AllowedExtensions = { "pdf", ".docx" },
        };

        var failures = new InboxOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains(failures, f => f.StartsWith("Inbox:PollInterval", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Inbox:MaxFileBytes", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Inbox:Queue is empty", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Inbox:Path, Inbox:QuarantinePath and Inbox:ProcessedPath", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Inbox:AllowedExtensions:0 is 'pdf'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Inbox:AllowedExtensions:1 '.docx' has no content check", StringComparison.Ordinal));
        Assert.Equal(6, failures.Count);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the inbox source.");
            await Task.Delay(20);
        }
    }
}
