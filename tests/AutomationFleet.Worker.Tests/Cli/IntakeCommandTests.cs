using AutomationFleet.Portal.Intake;

namespace AutomationFleet.Worker.Tests.Cli;

[Collection(CliTestCollection.Name)]
public sealed class IntakeCommandTests : IAsyncLifetime
{
    private readonly CliFixture _cli = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _cli.DisposeAsync();

    [Fact]
    public async Task IntakeNewKey_Source_PrintsKeyOnceAndAnEntryWithOnlyItsHash()
    {
        var run = await _cli.RunAsync("intake", "new-key", "--source", "council-website", "--queue", "contact-forms");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var lines = run.Output.Split('\n', StringSplitOptions.TrimEntries);
        var key = Assert.Single(lines, l => l.StartsWith("afk_", StringComparison.Ordinal));
        var entry = Assert.Single(lines, l => l.Contains("KeyHash", StringComparison.Ordinal));
        Assert.Contains(IntakeKeys.HashOf(key), entry, StringComparison.Ordinal);
        Assert.DoesNotContain(key, entry, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IntakeNewKey_BadSourceName_UsageNamingTheSetting()
    {
        var run = await _cli.RunAsync("intake", "new-key", "--source", "Council Website", "--queue", "contact-forms");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("Intake:Sources:0:Name", run.Error, StringComparison.Ordinal);
    }
}
