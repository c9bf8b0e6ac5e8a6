using System.Text.Json;
using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Worker.Cli;

namespace AutomationFleet.Worker.Tests.Cli;

[Trait("Category", "Integration")]
[Collection(CliTestCollection.Name)]
public sealed class BotsCommandTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly CliFixture _cli = new();

    public async Task InitializeAsync()
    {
        await using var store = await _cli.OpenStoreAsync();
    }

    public async Task DisposeAsync() => await _cli.DisposeAsync();

    [Fact]
    public async Task BotsPause_WithReason_StoredAuditedAndShownInStatus()
    {
        var pause = await _cli.RunAsync("bots", "pause", "inbound-post", "--reason", "scanner supplier outage");
        var again = await _cli.RunAsync("bots", "pause", "inbound-post", "--reason", "again");
        var status = await _cli.RunAsync("status", "--json");
        var statusText = await _cli.RunAsync("status");

        Assert.True(pause.ExitCode == ExitCodes.Success, pause.Error);
        Assert.Contains("Bot inbound-post paused", pause.Output, StringComparison.Ordinal);
        Assert.Contains("already paused", again.Output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(status.Output);
        var paused = Assert.Single(json.RootElement.GetProperty("pausedBots").EnumerateArray());
        Assert.Equal("scanner supplier outage", paused.GetProperty("reason").GetString());
        Assert.Contains("Paused bots", statusText.Output, StringComparison.Ordinal);
        await using var store = await _cli.OpenStoreAsync();
        var audit = Assert.Single(await store.ListSecurityEventsAsync(BotPause.AuditTarget("inbound-post"), 10, None));
        Assert.Equal(AuditActions.BotPaused, audit.Action);
        Assert.StartsWith("cli:", audit.Actor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BotsResume_Paused_RemovedAndListEmpty()
    {
        await _cli.RunAsync("bots", "pause", "inbound-post", "--reason", "outage");

        var resume = await _cli.RunAsync("bots", "resume", "inbound-post", "--reason", "supplier back");
        var notPaused = await _cli.RunAsync("bots", "resume", "inbound-post", "--reason", "again");
        var list = await _cli.RunAsync("bots", "list", "--json");

        Assert.True(resume.ExitCode == ExitCodes.Success, resume.Error);
        Assert.Contains("resumed", resume.Output, StringComparison.Ordinal);
        Assert.Contains("is not paused", notPaused.Output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(list.Output);
        Assert.Empty(json.RootElement.GetProperty("paused").EnumerateArray());
    }

    [Fact]
    public async Task BotsPause_NoReason_UsageAndNothingPaused()
    {
        var run = await _cli.RunAsync("bots", "pause", "inbound-post", "--reason", "  ");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("reason", run.Error, StringComparison.Ordinal);
        await using var store = await _cli.OpenStoreAsync();
        Assert.Empty(await store.ListBotPausesAsync(None));
    }

    [Fact]
    public async Task ItemsCancel_NewItemWithReason_CancelledAndPayloadKept()
    {
        await using (var store = await _cli.OpenStoreAsync())
        {
            await store.EnqueueAsync(new NewWorkItem("inbound-post", "REF-1", "{\"letter\":1}"), "test", None);
        }

        var run = await _cli.RunAsync("items", "cancel", "REF-1", "--reason", "sent twice");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Contains("Item REF-1 cancelled (was New)", run.Output, StringComparison.Ordinal);
        await using var after = await _cli.OpenStoreAsync();
        var item = await after.FindAsync("REF-1", None);
        Assert.Equal((WorkItemState.Cancelled, "{\"letter\":1}"), (item!.State, item.PayloadJson));
        Assert.Equal("sent twice", (await after.GetAuditTrailAsync(item.Id, None))[^1].Reason);
    }

    [Fact]
    public async Task ItemsCancel_HeldByAWorker_UsageNamingTheWorkerAndNothingChanged()
    {
        await using (var store = await _cli.OpenStoreAsync())
        {
            await store.EnqueueAsync(new NewWorkItem("inbound-post", "REF-1", "{}"), "test", None);
            await store.LeaseAsync("inbound-post", "w1", 1, TimeSpan.FromMinutes(5), None);
        }

        var run = await _cli.RunAsync("items", "cancel", "REF-1", "--reason", "sent twice");
        var unknown = await _cli.RunAsync("items", "cancel", "NOPE", "--reason", "x");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("being worked on by w1", run.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, unknown.ExitCode);
        await using var after = await _cli.OpenStoreAsync();
        Assert.Equal(WorkItemState.InProgress, (await after.FindAsync("REF-1", None))!.State);
    }
}
