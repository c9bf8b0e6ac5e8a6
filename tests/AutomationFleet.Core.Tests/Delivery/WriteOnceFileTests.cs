using AutomationFleet.Core.Delivery;

namespace AutomationFleet.Core.Tests.Delivery;

public sealed class WriteOnceFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fleet-once-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task WriteAsync_NewFile_WrittenAndNoTemporaryLeft()
    {
        var path = Path.Combine(_folder, "a.pdf");

        var written = await WriteOnceFile.WriteAsync(path, s => s.WriteAsync("first"u8.ToArray()).AsTask(), CancellationToken.None);

        Assert.True(written);
        Assert.Equal("first", await File.ReadAllTextAsync(path));
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task WriteAsync_FileAlreadyThere_KeepsItAndNeverCallsTheWriter()
    {
        var path = Path.Combine(_folder, "a.pdf");
        await File.WriteAllTextAsync(path, "first");
        var called = false;

        var written = await WriteOnceFile.WriteAsync(path, s => { called = true; return s.WriteAsync("second"u8.ToArray()).AsTask(); }, CancellationToken.None);

        Assert.False(written);
        Assert.False(called);
        Assert.Equal("first", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task WriteAsync_WriterFails_NothingLeftBehind()
    {
        var path = Path.Combine(_folder, "a.pdf");

        await Assert.ThrowsAsync<InvalidOperationException>(() => WriteOnceFile.WriteAsync(path, _ => throw new InvalidOperationException("no"), CancellationToken.None));

        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task WriteAsync_TwoAttemptsAtOnce_OneFileWrittenOnce()
    {
        var path = Path.Combine(_folder, "a.pdf");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => WriteOnceFile.WriteAsync(path, s => s.WriteAsync(new[] { (byte)('a' + i) }).AsTask(), CancellationToken.None))));

        Assert.Single(Directory.GetFiles(_folder));
        Assert.Equal(1, results.Count(r => r));
    }
}
