using System.Text.Json;
using AutomationFleet.Bots.InboundPost.Routing;
using AutomationFleet.Bots.InboundPost.Taxonomy;
using AutomationFleet.Bots.InboundPost.Tests.Bot;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Bots.InboundPost.Tests.Routing;

[Trait("Category", "Integration")]
public sealed class DropFolderStepTests(BotFixture fixture) : IClassFixture<BotFixture>
{
    private const string Outcome = """{"category":"payment","service":"Income and payments","route":{"type":"folder","target":"drop/payments"}}""";

    [Fact]
    public async Task DeliverAsync_FirstTime_WritesDocumentAndSummaryByReferenceWithNoTempFilesLeft()
    {
        var item = await fixture.EnqueueFileAsync("inbox:abc/1", "letter.pdf", "application/pdf", [1, 2, 3, 4]);
        var folder = Path.Combine(fixture.Directory, "drop-" + Guid.NewGuid().ToString("N"));
        var sut = new DropFolderStep("drop:test", folder, fixture.Blobs, TimeProvider.System);

        var result = await sut.DeliverAsync(Context(item), CancellationToken.None);

        var files = Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["inbox-abc-1-1.pdf", "inbox-abc-1.json"], files);
        Assert.Equal([1, 2, 3, 4], await File.ReadAllBytesAsync(Path.Combine(folder, "inbox-abc-1-1.pdf")));
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "inbox-abc-1.json")));
        Assert.Equal("inbox:abc/1", summary.RootElement.GetProperty("reference").GetString());
        Assert.Equal("payment", summary.RootElement.GetProperty("category").GetString());
        using var written = JsonDocument.Parse(result!);
        Assert.Equal(2, written.RootElement.GetProperty("written").GetArrayLength());
    }

    [Fact]
    public async Task DeliverAsync_Redo_WritesNothingAgain()
    {
        var item = await fixture.EnqueueFileAsync("inbox:redo", "letter.pdf", "application/pdf", [9, 9]);
        var folder = Path.Combine(fixture.Directory, "drop-" + Guid.NewGuid().ToString("N"));
        var sut = new DropFolderStep("drop:test", folder, fixture.Blobs, TimeProvider.System);
        await sut.DeliverAsync(Context(item), CancellationToken.None);
        var before = Directory.GetFiles(folder).ToDictionary(f => f, File.GetLastWriteTimeUtc);

        var result = await sut.DeliverAsync(Context(item), CancellationToken.None);

        using var written = JsonDocument.Parse(result!);
        Assert.Equal(0, written.RootElement.GetProperty("written").GetArrayLength());
        Assert.Equal(before, Directory.GetFiles(folder).ToDictionary(f => f, File.GetLastWriteTimeUtc));
    }

    [Fact]
    public async Task RouteStep_QueueRoute_HandsOffToTheTargetQueueOnceAndSkipsOtherCategories()
    {
        var item = await fixture.EnqueueFileAsync("inbox:handoff", "letter.pdf", "application/pdf", [5]);
        var taxonomy = CouncilTaxonomy.Load(fixture.Options.TaxonomyPath);
        var factory = new RouteStepFactory(fixture.Store, fixture.Blobs, Microsoft.Extensions.Options.Options.Create(fixture.Options), TimeProvider.System);
        var highways = taxonomy.Find("highways")!;
        var sut = new RouteStep(RouteKind.Queue, new Dictionary<string, IDeliveryStep> { ["highways"] = factory.Create(highways) });
        var outcome = """{"category":"highways"}""";

        await sut.DeliverAsync(new DeliveryContext(item, new ItemOutcome(outcome, 1, "inbound-post"), "k"), CancellationToken.None);
        await sut.DeliverAsync(new DeliveryContext(item, new ItemOutcome(outcome, 1, "inbound-post"), "k"), CancellationToken.None);
        var skipped = await sut.DeliverAsync(
            new DeliveryContext(item, new ItemOutcome("""{"category":"payment"}""", 1, "inbound-post"), "k"), CancellationToken.None);

        var handedOff = await fixture.Store.FindAsync("inbox:handoff>incident-reports", CancellationToken.None);
        Assert.NotNull(handedOff);
        Assert.Equal("incident-reports", handedOff.Queue);
        Assert.Equal(WorkItemState.New, handedOff.State);
        var handoff = AutomationFleet.Core.Handoff.HandoffJson.Parse(handedOff.PayloadJson);
        Assert.Equal(("inbox:handoff", "highways"), (handoff.SourceReference, handoff.Category));
        Assert.Null(skipped);
        Assert.Equal("route:queue", sut.Name);
    }

    [Fact]
    public void RouteStepFactory_EmailRoute_DropsIntoTheMailOutboxFolderOfTheService()
    {
        var taxonomy = CouncilTaxonomy.Load(fixture.Options.TaxonomyPath);
        var factory = new RouteStepFactory(fixture.Store, fixture.Blobs, Microsoft.Extensions.Options.Options.Create(fixture.Options), TimeProvider.System);

        var step = Assert.IsType<DropFolderStep>(factory.Create(taxonomy.Find("blue-badge")!));

        Assert.Equal(Path.Combine(fixture.Options.DropFolder, "outbox-mail", "blue-badge-team"), step.Directory);
    }

    private static DeliveryContext Context(WorkItem item) =>
        new(item, new ItemOutcome(Outcome, 0.999, "inbound-post"), item.Reference + "#drop:test");
}
