using System.Text.Json;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Worker.Cli;

namespace AutomationFleet.Worker.Tests.Cli;

[Trait("Category", "Integration")]
[Collection(CliTestCollection.Name)]
public sealed class FleetCliTests : IAsyncLifetime
{
    private readonly CliFixture _cli = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _cli.DisposeAsync();

    [Fact]
    public async Task Enqueue_SameReferenceTwice_SecondWritesNothing()
    {
        var first = await _cli.RunAsync("enqueue", "--queue", "post", "--reference", "REF-1", "--payload", """{"a":1}""", "--json");
        var second = await _cli.RunAsync("enqueue", "--queue", "post", "--reference", "REF-1", "--payload", """{"a":2}""", "--json");

        Assert.Equal(ExitCodes.Success, first.ExitCode);
        Assert.Equal(ExitCodes.Success, second.ExitCode);
        using var firstJson = JsonDocument.Parse(first.Output);
        using var secondJson = JsonDocument.Parse(second.Output);
        Assert.True(firstJson.RootElement.GetProperty("created").GetBoolean());
        Assert.False(secondJson.RootElement.GetProperty("created").GetBoolean());
        Assert.Equal(
            firstJson.RootElement.GetProperty("item").GetProperty("id").GetInt64(),
            secondJson.RootElement.GetProperty("item").GetProperty("id").GetInt64());
        Assert.Equal(1, secondJson.RootElement.GetProperty("item").GetProperty("payload").GetProperty("a").GetInt32());

        await using var store = await _cli.OpenStoreAsync();
        var depth = Assert.Single(await store.GetDepthAsync(CancellationToken.None));
        Assert.Equal(1, depth.Count);
        Assert.Single(await store.GetAuditTrailAsync(firstJson.RootElement.GetProperty("item").GetProperty("id").GetInt64(), CancellationToken.None));
    }

    [Fact]
    public async Task Enqueue_StoreProviderPostgresWithoutConnectionString_StopsNamingTheSetting()
    {
        await File.WriteAllTextAsync(Path.Combine(_cli.ConfigDirectory, "appsettings.json"), """{"Store":{"Provider":"postgres"}}""");

        var run = await _cli.RunAsync("enqueue", "--queue", "post", "--reference", "REF-PG");

        Assert.NotEqual(ExitCodes.Success, run.ExitCode);
        Assert.Contains("Store:ConnectionString is empty", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_cli.DatabasePath));
    }

    [Fact]
    public async Task Enqueue_SecondTimeAsText_SaysNothingWritten()
    {
        await _cli.RunAsync("enqueue", "--queue", "post", "--reference", "REF-T");

        var again = await _cli.RunAsync("enqueue", "--queue", "post", "--reference", "REF-T");

        Assert.Equal(ExitCodes.Success, again.ExitCode);
        Assert.Contains("Already enqueued", again.Output, StringComparison.Ordinal);
        Assert.Contains("nothing written", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enqueue_WithOptionsAndAttachment_StoresThemOnTheItem()
    {
        var file = Path.Combine(_cli.Root, "letter.pdf");
        await File.WriteAllBytesAsync(file, [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]);
        var payloadFile = Path.Combine(_cli.Root, "payload.json");
        await File.WriteAllTextAsync(payloadFile, """{"channel":"post"}""");

        var run = await _cli.RunAsync(
            "enqueue", "--queue", "post", "--reference", "REF-A", "--payload-file", payloadFile, "--priority", "5",
            "--due", "2030-01-31T17:00:00Z", "--attach", file);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        await using var store = await _cli.OpenStoreAsync();
        var item = await store.FindAsync("REF-A", CancellationToken.None);
        Assert.NotNull(item);
        Assert.Equal(5, item.Priority);
        Assert.Equal(new DateTimeOffset(2030, 1, 31, 17, 0, 0, TimeSpan.Zero), item.DueAt);
        Assert.Contains("post", item.PayloadJson, StringComparison.Ordinal);
        var attachment = Assert.Single(item.Attachments);
        Assert.Equal("application/pdf", attachment.MediaType);
        Assert.Equal(6, attachment.Length);
    }

    [Fact]
    public async Task ItemsShow_EnqueuedItem_PrintsItemAndAuditTrail()
    {
        await _cli.RunAsync("enqueue", "--queue", "post", "--reference", "REF-S");

        var run = await _cli.RunAsync("items", "show", "REF-S");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("REF-S", run.Output, StringComparison.Ordinal);
        Assert.Contains("Audit trail", run.Output, StringComparison.Ordinal);
        Assert.Contains("(created)", run.Output, StringComparison.Ordinal);
        Assert.Contains(CliCommand.Actor, run.Output, StringComparison.Ordinal);
        Assert.Contains("No side effects recorded.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ItemsShow_Json_IsValidJsonWithTheWholeTrail()
    {
        await _cli.RunAsync("enqueue", "--queue", "post", "--reference", "REF-J");
        await using (var store = await _cli.OpenStoreAsync())
        {
            var leased = Assert.Single(await store.LeaseAsync("post", "w1", 10, TimeSpan.FromMinutes(5), CancellationToken.None));
            await store.CompleteAsync(leased.Id, "w1", "done in test", CancellationToken.None);
        }

        var run = await _cli.RunAsync("items", "show", "REF-J", "--json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("Completed", json.RootElement.GetProperty("item").GetProperty("state").GetString());
        var states = json.RootElement.GetProperty("audit").EnumerateArray().Select(e => e.GetProperty("to").GetString()).ToList();
        Assert.Equal(["New", "InProgress", "Completed"], states);
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("sideEffects").ValueKind);
    }

    [Fact]
    public async Task Status_Json_IsValidJsonWithDepths()
    {
        await _cli.RunAsync("enqueue", "--queue", "post", "--reference", "REF-1");
        await _cli.RunAsync("enqueue", "--queue", "post", "--reference", "REF-2");
        await _cli.RunAsync("enqueue", "--queue", "forms", "--reference", "REF-3");

        var run = await _cli.RunAsync("status", "--json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var depths = json.RootElement.GetProperty("queues").EnumerateArray()
            .ToDictionary(d => d.GetProperty("queue").GetString()!, d => d.GetProperty("count").GetInt32());
        Assert.Equal(2, depths["post"]);
        Assert.Equal(1, depths["forms"]);
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("workers").ValueKind);
    }

    [Fact]
    public async Task Status_Text_PrintsQueueTable()
    {
        await _cli.RunAsync("enqueue", "--queue", "post", "--reference", "REF-1");

        var run = await _cli.RunAsync("status");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("Queues", run.Output, StringComparison.Ordinal);
        Assert.Contains("post", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("enqueue", "--queue", "post", "--reference", "R", "--payload", "{not json", "is not valid JSON")]
    [InlineData("enqueue", "--queue", "post", "--reference", "R", "--due", "next tuesday", "is not an ISO 8601")]
    [InlineData("enqueue", "--queue", "post", "--reference", "R", "--priority", "high", "high")]
    [InlineData("enqueue", "--queue", "post", "--reference", "R", "--attach", "/no/such/file.pdf", "does not exist")]
    [InlineData("enqueue", "--queue", "post", "", "", "", "", "--reference")]
    [InlineData("no-such-command", "", "", "", "", "", "", "no-such-command")]
    public async Task Command_BadInput_ExitCode2WithClearMessage(
        string a0, string a1, string a2, string a3, string a4, string a5, string a6, string expectedInMessage)
    {
        var args = new[] { a0, a1, a2, a3, a4, a5, a6 }.Where(a => a.Length > 0).ToArray();

        var run = await _cli.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(expectedInMessage, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ItemsShow_UnknownReference_ExitCode2()
    {
        await _cli.RunAsync("enqueue", "--queue", "post", "--reference", "REF-1");

        var run = await _cli.RunAsync("items", "show", "NO-SUCH-REF");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("No work item with reference 'NO-SUCH-REF'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_NoDatabaseYet_ExitCode1AndSaysWhere()
    {
        var run = await _cli.RunAsync("status");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Contains(_cli.DatabasePath, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_cli.DatabasePath));
    }

    [Fact]
    public async Task DeadReplay_DeadLetteredItem_BackToNewWithAttemptsReset()
    {
        await DeadLetterAsync("REF-D");

        var list = await _cli.RunAsync("dead", "list", "--json");
        var replay = await _cli.RunAsync("dead", "replay", "REF-D");

        Assert.Equal(ExitCodes.Success, list.ExitCode);
        using var listed = JsonDocument.Parse(list.Output);
        Assert.Equal("REF-D", Assert.Single(listed.RootElement.EnumerateArray()).GetProperty("reference").GetString());
        Assert.Equal(ExitCodes.Success, replay.ExitCode);
        Assert.Contains("Replayed REF-D", replay.Output, StringComparison.Ordinal);
        await using var store = await _cli.OpenStoreAsync();
        var item = await store.FindAsync("REF-D", CancellationToken.None);
        Assert.Equal(WorkItemState.New, item!.State);
        Assert.Equal(0, item.Attempts);
        var last = (await store.GetAuditTrailAsync(item.Id, CancellationToken.None))[^1];
        Assert.Equal(WorkItemState.DeadLettered, last.From);
        Assert.Equal(CliCommand.Actor, last.Actor);
    }

    [Fact]
    public async Task DeadReplay_AllOfOneQueue_ReplaysOnlyThatQueue()
    {
        await DeadLetterAsync("REF-P1", "post");
        await DeadLetterAsync("REF-P2", "post");
        await DeadLetterAsync("REF-F1", "forms");

        var replay = await _cli.RunAsync("dead", "replay", "--all", "--queue", "post", "--json");

        Assert.Equal(ExitCodes.Success, replay.ExitCode);
        using var json = JsonDocument.Parse(replay.Output);
        Assert.Equal(["REF-P1", "REF-P2"], json.RootElement.GetProperty("replayed").EnumerateArray().Select(e => e.GetString()).Order());
        await using var store = await _cli.OpenStoreAsync();
        Assert.Equal(WorkItemState.DeadLettered, (await store.FindAsync("REF-F1", CancellationToken.None))!.State);
    }

    [Fact]
    public async Task DeadReplay_ItemNotDeadLettered_ExitCode2()
    {
        await _cli.RunAsync("enqueue", "--queue", "post", "--reference", "REF-N");

        var run = await _cli.RunAsync("dead", "replay", "REF-N");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("not dead-lettered", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeadReplay_NeitherReferenceNorAll_ExitCode2()
    {
        await _cli.RunAsync("enqueue", "--queue", "post", "--reference", "REF-N");

        var run = await _cli.RunAsync("dead", "replay");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("either a reference or --all", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReviewList_ItemsInReview_FilteredByBot()
    {
        await _cli.RunAsync("enqueue", "--queue", "post", "--reference", "REF-R1");
        await _cli.RunAsync("enqueue", "--queue", "post", "--reference", "REF-R2");
        await using (var store = await _cli.OpenStoreAsync())
        {
            var leased = await store.LeaseAsync("post", "w1", 10, TimeSpan.FromMinutes(5), CancellationToken.None);
            foreach (var item in leased)
            {
                var bot = item.Reference == "REF-R1" ? "InboundPost" : "ContactForms";
                await store.SendToReviewAsync(
                    item.Id, "w1", new ReviewRequest(bot, "complaint", "{}", 0.4, "{}", ["Confidence below threshold."], false),
                    CancellationToken.None);
            }
        }

        var all = await _cli.RunAsync("review", "list");
        var filtered = await _cli.RunAsync("review", "list", "--bot", "InboundPost", "--json");

        Assert.Equal(ExitCodes.Success, all.ExitCode);
        Assert.Contains("REF-R1", all.Output, StringComparison.Ordinal);
        Assert.Contains("REF-R2", all.Output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(filtered.Output);
        Assert.Equal("REF-R1", Assert.Single(json.RootElement.EnumerateArray()).GetProperty("reference").GetString());
    }

    [Fact]
    public async Task ReviewList_TasksWithServices_ShowsServiceAndFiltersByService()
    {
        await _cli.RunAsync("enqueue", "--queue", "post", "--reference", "REF-S1");
        await _cli.RunAsync("enqueue", "--queue", "post", "--reference", "REF-S2");
        await _cli.RunAsync("enqueue", "--queue", "post", "--reference", "REF-S3");
        await using (var store = await _cli.OpenStoreAsync())
        {
            var leased = await store.LeaseAsync("post", "w1", 10, TimeSpan.FromMinutes(5), CancellationToken.None);
            foreach (var item in leased)
            {
                var service = item.Reference switch
                {
                    "REF-S1" => "Highways",
                    "REF-S2" => "Blue Badge team",
                    _ => null,
                };
                await store.SendToReviewAsync(
                    item.Id, "w1", new ReviewRequest("InboundPost", "complaint", "{}", 0.4, "{}", ["Confidence below threshold."], false, service),
                    CancellationToken.None);
            }
        }

        var all = await _cli.RunAsync("review", "list");
        var table = await _cli.RunAsync("review", "list", "--service", "Blue Badge team");
        var json = await _cli.RunAsync("review", "list", "--service", "Highways", "--json");

        Assert.Equal(ExitCodes.Success, all.ExitCode);
        Assert.Contains("Service", all.Output, StringComparison.Ordinal);
        Assert.Contains("Highways", all.Output, StringComparison.Ordinal);
        Assert.Contains("REF-S3", all.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, table.ExitCode);
        Assert.Contains("REF-S2", table.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("REF-S1", table.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("REF-S3", table.Output, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Output);
        var task = Assert.Single(document.RootElement.EnumerateArray());
        Assert.Equal("REF-S1", task.GetProperty("reference").GetString());
        Assert.Equal("Highways", task.GetProperty("request").GetProperty("service").GetString());
    }

    private async Task DeadLetterAsync(string reference, string queue = "post")
    {
        var enqueue = await _cli.RunAsync("enqueue", "--queue", queue, "--reference", reference);
        Assert.Equal(ExitCodes.Success, enqueue.ExitCode);
        await using var store = await _cli.OpenStoreAsync();
        var item = Assert.Single(
            await store.LeaseAsync(queue, "w1", 10, TimeSpan.FromMinutes(5), CancellationToken.None),
            i => i.Reference == reference);
        var state = await store.FailSystemAsync(
            item.Id, "w1", "connector down", new RetryPolicy(1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)), CancellationToken.None);
        Assert.Equal(WorkItemState.DeadLettered, state);
    }
}
