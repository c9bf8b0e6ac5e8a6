using System.Text.Json;
using AutomationFleet.Core.Confidence;
using AutomationFleet.Worker.Cli;

namespace AutomationFleet.Worker.Tests.Cli;

[Trait("Category", "Integration")]
[Collection(CliTestCollection.Name)]
public sealed class ThresholdsCommandTests : IAsyncLifetime
{
    private readonly CliFixture _cli = new();

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_cli.ConfigDirectory, "bots.json"), """
            { "Confidence": { "DefaultThreshold": 0.99, "Bots": { "inbound-post": {
                "Threshold": 0.98, "Categories": { "blue-badge": 0.93 }, "NeverAutomatic": [ "safeguarding-concern" ] } } } }
            """);
        await using var store = await _cli.OpenStoreAsync();
    }

    public async Task DisposeAsync() => await _cli.DisposeAsync();

    [Fact]
    public async Task ThresholdsSet_CategoryWithReason_StoredAuditedAndListedInForce()
    {
        var set = await _cli.RunAsync("thresholds", "set", "inbound-post", "--category", "blue-badge", "0.9", "--reason", "measured on 400 reviews");
        var list = await _cli.RunAsync("thresholds", "list", "--json");

        Assert.True(set.ExitCode == ExitCodes.Success, set.Error);
        Assert.Contains("inbound-post/blue-badge: configuration → 0.900", set.Output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(list.Output);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal([null, "blue-badge", "safeguarding-concern"], rows.Select(r => r.GetProperty("category").GetString()));
        var badge = rows[1];
        Assert.Equal((0.93, 0.9, 0.9), (badge.GetProperty("configured").GetDouble(), badge.GetProperty("override").GetDouble(), badge.GetProperty("inForce").GetDouble()));
        Assert.StartsWith("cli:", badge.GetProperty("setBy").GetString(), StringComparison.Ordinal);
        Assert.True(rows[2].GetProperty("neverAutomatic").GetBoolean());
        Assert.Equal(0.98, rows[0].GetProperty("inForce").GetDouble());
        await using var store = await _cli.OpenStoreAsync();
        var audit = Assert.Single(await store.ListSecurityEventsAsync(ThresholdOverride.AuditTarget("inbound-post", "blue-badge"), 10, CancellationToken.None));
        Assert.Equal("configuration → 0.900; reason: measured on 400 reviews", audit.Detail);
    }

    [Fact]
    public async Task ThresholdsSetThenClear_BotOwnThreshold_BackToConfiguration()
    {
        var set = await _cli.RunAsync("thresholds", "set", "inbound-post", "0.95", "--reason", "try lower");
        var clear = await _cli.RunAsync("thresholds", "clear", "inbound-post", "--reason", "undo");
        var again = await _cli.RunAsync("thresholds", "clear", "inbound-post", "--reason", "undo again");
        var list = await _cli.RunAsync("thresholds", "list", "--json");

        Assert.Equal((0, 0, 0), (set.ExitCode, clear.ExitCode, again.ExitCode));
        Assert.Contains("override 0.950 removed", clear.Output, StringComparison.Ordinal);
        Assert.Contains("has no override", again.Output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(list.Output);
        var own = json.RootElement.EnumerateArray().First();
        Assert.Equal(JsonValueKind.Null, own.GetProperty("override").ValueKind);
        Assert.Equal(0.98, own.GetProperty("inForce").GetDouble());
    }

    [Theory]
    [InlineData("safeguarding-concern", "0.5", "never automatic")]
    [InlineData("SAFEGUARDING-CONCERN", "1", "never automatic")]
    [InlineData("blue-badge", "1.5", "between 0 and 1")]
    [InlineData("blue-badge", "high", "between 0 and 1")]
    public async Task ThresholdsSet_Refused_UsageWithOneLineAndNothingStored(string category, string value, string expected)
    {
        var run = await _cli.RunAsync("thresholds", "set", "inbound-post", "--category", category, value, "--reason", "r");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        await using var store = await _cli.OpenStoreAsync();
        Assert.Empty(await store.ListThresholdOverridesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ThresholdsSet_WithoutReason_Usage()
    {
        var missing = await _cli.RunAsync("thresholds", "set", "inbound-post", "0.9");
        var blank = await _cli.RunAsync("thresholds", "set", "inbound-post", "0.9", "--reason", " ");

        Assert.Equal((ExitCodes.Usage, ExitCodes.Usage), (missing.ExitCode, blank.ExitCode));
        Assert.Contains("reason is required", blank.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThresholdsList_NoDatabase_Failure()
    {
        File.Delete(_cli.DatabasePath);

        var run = await _cli.RunAsync("thresholds", "list");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Contains("No fleet database", run.Error, StringComparison.Ordinal);
    }
}
