using AutomationFleet.Matching.Index;
using AutomationFleet.Matching.Records;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AutomationFleet.Matching.Tests.Index;

public sealed class PersonIndexLoaderTests : IDisposable
{
    private const string NewRow = "CR999999,New,Person,2000-01-01,F,,,,,\n";

    private readonly string _root = Directory.CreateTempSubdirectory("fleet-index-").FullName;
    private readonly string _extract;

    public PersonIndexLoaderTests()
    {
        _extract = Path.Combine(_root, "people.csv");
        File.Copy(SampleExtract.Path, _extract);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Refresh_SecondStartWithSameExtract_LoadsKeptIndexAndDoesNotRebuild()
    {
        var options = Options();
        var first = CreateSut(options).Refresh(force: false);
        var restart = new PersonIndexHolder();

        var second = CreateSut(options, restart).Refresh(force: false);

        Assert.Equal((true, false), (first, second));
        Assert.Equal(SampleExtract.Index.Count, restart.Index!.Count);
    }

    [Fact]
    public void Refresh_ExtractChanged_RebuildsAndUsesTheNewIndex()
    {
        var options = Options();
        var holder = new PersonIndexHolder();
        var sut = CreateSut(options, holder);
        sut.Refresh(force: false);
        var before = holder.Index;

        File.AppendAllText(_extract, NewRow);
        var rebuilt = sut.Refresh(force: false);

        Assert.True(rebuilt);
        Assert.NotSame(before, holder.Index);
        Assert.Equal(SampleExtract.Index.Count + 1, holder.Index!.Count);
        Assert.Equal(holder.Index.Source.Sha256, PersonIndexFile.Load(options.Value.IndexPath)!.Source.Sha256);
    }

    [Fact]
    public void Refresh_ColumnMappingChanged_Rebuilds()
    {
        var mapping = Path.Combine(_root, "columns.json");
        File.Copy(SampleExtract.ColumnMapPath, mapping);
        var options = Options(columnMapPath: mapping);
        CreateSut(options).Refresh(force: false);
        var unchanged = CreateSut(options).Refresh(force: false);

        // The address now takes the postcode column too: the same extract reads differently, so the kept index is stale.
        File.WriteAllText(mapping, File.ReadAllText(mapping).Replace("\"address\": \"address\"", "\"address\": [\"address\", \"postcode\"]", StringComparison.Ordinal));
        var holder = new PersonIndexHolder();
        var changed = CreateSut(options, holder).Refresh(force: false);

        Assert.Equal((false, true), (unchanged, changed));
        Assert.All(holder.Index!.Records.Where(r => r.Postcode.Length > 0), r => Assert.EndsWith(r.Postcode, r.Address, StringComparison.Ordinal));
    }

    [Fact]
    public void Refresh_KeptIndexOfAnOlderFormat_Rebuilds()
    {
        var options = Options();
        CreateSut(options).Refresh(force: false);
        var kept = Path.Combine(options.Value.IndexPath, PersonIndexFile.FileName);
        File.WriteAllText(kept, File.ReadAllText(kept).Replace("\"format\":", "\"format\":1,\"was\":", StringComparison.Ordinal));

        Assert.True(CreateSut(options).Refresh(force: false));
    }

    [Fact]
    public void Refresh_BrokenExtract_ThrowsAndKeepsTheOldIndex()
    {
        var options = Options();
        var holder = new PersonIndexHolder();
        var sut = CreateSut(options, holder);
        sut.Refresh(force: false);
        var before = holder.Index;

        File.AppendAllText(_extract, ",No,Id,2000-01-01,F,,,,,\n");

        var exception = Assert.Throws<RecordFileException>(() => sut.Refresh(force: false));
        Assert.Contains("the id is empty", exception.Message, StringComparison.Ordinal);
        Assert.Same(before, holder.Index);
        Assert.Equal(before!.Source.Sha256, PersonIndexFile.Load(options.Value.IndexPath)!.Source.Sha256);
    }

    [Fact]
    public async Task StartAsync_MissingExtract_ThrowsNamingTheSetting()
    {
        File.Delete(_extract);
        using var sut = CreateSut(Options());

        var exception = await Assert.ThrowsAsync<FileNotFoundException>(() => sut.StartAsync(CancellationToken.None));

        Assert.Contains("(CaseRecords:Path)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_BrokenExtractThenFixed_OldIndexStaysInUseUntilTheFixedOneIsBuilt()
    {
        var options = Options();
        var holder = new PersonIndexHolder();
        var time = new FakeTimeProvider();
        var logger = new ErrorCountingLogger();
        using var sut = new PersonIndexLoader(holder, options, time, logger);
        await sut.StartAsync(CancellationToken.None);
        var first = holder.Index;
        Assert.NotNull(first);

        var clean = File.ReadAllText(_extract);
        File.AppendAllText(_extract, ",No,Id,2000-01-01,F,,,,,\n");
        await AdvanceUntil(time, options.Value.RefreshInterval, () => logger.Errors > 0);
        Assert.Same(first, holder.Index);

        File.WriteAllText(_extract, clean + NewRow);
        await AdvanceUntil(time, options.Value.RefreshInterval, () => !ReferenceEquals(first, holder.Index));
        Assert.Equal(first.Count + 1, holder.Index!.Count);

        await sut.StopAsync(CancellationToken.None);
    }

    // The loop may be between two waits when the clock moves, so keep moving it until the loop has done its work.
    private static async Task AdvanceUntil(FakeTimeProvider time, TimeSpan interval, Func<bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!done())
        {
            time.Advance(interval);
            await Task.Delay(20, timeout.Token);
        }
    }

    private IOptions<CaseRecordsOptions> Options(string? columnMapPath = null) =>
        Microsoft.Extensions.Options.Options.Create(new CaseRecordsOptions
        {
            Path = _extract,
            ColumnMapPath = columnMapPath,
            IndexPath = Path.Combine(_root, "index"),
        });

    private static PersonIndexLoader CreateSut(IOptions<CaseRecordsOptions> options, PersonIndexHolder? holder = null) =>
        new(holder ?? new PersonIndexHolder(), options, TimeProvider.System, NullLogger<PersonIndexLoader>.Instance);

    private sealed class ErrorCountingLogger : ILogger<PersonIndexLoader>
    {
        private int _errors;

        public int Errors => Volatile.Read(ref _errors);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Error)
            {
                Interlocked.Increment(ref _errors);
            }
        }
    }
}
