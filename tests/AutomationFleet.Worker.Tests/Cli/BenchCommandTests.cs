using System.Text.Json;
using AutomationFleet.Worker.Cli;

namespace AutomationFleet.Worker.Tests.Cli;

[Trait("Category", "Integration")]
[Collection(CliTestCollection.Name)]
public sealed class BenchCommandTests : IAsyncLifetime
{
    private readonly CliFixture _cli = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _cli.DisposeAsync();

    [Fact]
    public async Task BenchQueue_SmallRun_EveryItemCompletedOnce()
    {
        var run = await _cli.RunAsync("bench", "queue", "--items", "300", "--consumers", "3", "--batch-size", "16", "--json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Output + run.Error);
        using var json = JsonDocument.Parse(run.Output);
        var report = json.RootElement;
        Assert.Equal(300, report.GetProperty("items").GetInt32());
        Assert.Equal(0, report.GetProperty("lost").GetInt32());
        Assert.Equal(0, report.GetProperty("duplicated").GetInt32());
        Assert.Empty(report.GetProperty("problems").EnumerateArray());
        Assert.True(report.GetProperty("verified").GetBoolean());
        Assert.True(report.GetProperty("enqueueItemsPerSecond").GetDouble() > 0);
        Assert.True(report.GetProperty("leaseCompleteItemsPerSecond").GetDouble() > 0);
        var p50 = report.GetProperty("latencyP50Milliseconds").GetDouble();
        var p99 = report.GetProperty("latencyP99Milliseconds").GetDouble();
        Assert.InRange(p50, 0, p99);
        Assert.Equal("normal", report.GetProperty("synchronous").GetString());
    }

    [Fact]
    public async Task BenchQueue_TextOutput_ShowsRatesAndVerification()
    {
        var run = await _cli.RunAsync("bench", "queue", "--items", "100", "--consumers", "2", "--synchronous", "full");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Output + run.Error);
        Assert.Contains("synchronous=full", run.Output, StringComparison.Ordinal);
        Assert.Contains("lease+complete", run.Output, StringComparison.Ordinal);
        Assert.Contains("Verified: all 200 items Completed exactly once", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchQueue_ExistingDatabase_ExitCode2()
    {
        await _cli.RunAsync("enqueue", "--queue", "post", "--reference", "REF-1");

        var run = await _cli.RunAsync("bench", "queue", "--items", "10");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("needs a fresh database", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchQueue_UnknownSynchronousSetting_ExitCode2()
    {
        var run = await _cli.RunAsync("bench", "queue", "--items", "10", "--synchronous", "off");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("off", run.Error, StringComparison.Ordinal);
    }
}
