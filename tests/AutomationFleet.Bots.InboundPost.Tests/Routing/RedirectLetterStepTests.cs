using System.Text.Json;
using AutomationFleet.Bots.InboundPost.Routing;
using AutomationFleet.Bots.InboundPost.Taxonomy;
using AutomationFleet.Bots.InboundPost.Tests.Bot;
using AutomationFleet.Connectors.Mail;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.InboundPost.Tests.Routing;

[Trait("Category", "Integration")]
public sealed class RedirectLetterStepTests(BotFixture fixture) : IClassFixture<BotFixture>
{
    private const string DvlaOutcome =
        """{"category":"not-ours","service":"Customer services","route":{"type":"redirect","target":"not-ours"},"redirect":{"destination":"dvla","name":"the DVLA","matched":["driving licence"]}}""";

    [Fact]
    public void Create_RedirectRoute_LetterStepIntoTheRouteFolderUnderTheDropFolder()
    {
        var sut = Factory().Create(NotOurs());

        var step = Assert.IsType<RedirectLetterStep>(sut);
        Assert.Equal(Path.Combine(fixture.Options.DropFolder, "not-ours"), step.Directory);
        Assert.Equal("redirect:not-ours", step.Name);
        Assert.True(step.IsIdempotent);
    }

    [Fact]
    public async Task DeliverAsync_ChosenDestination_WritesLetterNamingItThenDocumentAndSummary()
    {
        var item = await fixture.EnqueueFileAsync("inbox:redirect/1", "letter.pdf", "application/pdf", [1, 2, 3]);
        var sut = Step();

        var result = await sut.DeliverAsync(Context(item, DvlaOutcome), CancellationToken.None);

        var files = Directory.GetFiles(sut.Directory, "inbox-redirect-1*").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["inbox-redirect-1-1.pdf", "inbox-redirect-1.json", "inbox-redirect-1.letter.txt"], files);
        var letter = await File.ReadAllTextAsync(Path.Combine(sut.Directory, "inbox-redirect-1.letter.txt"));
        var reference = CitizenReference.For(item);
        Assert.StartsWith($"Your letter (reference {reference}) is for the DVLA", letter, StringComparison.Ordinal);
        Assert.Contains("https://www.gov.uk/contact-the-dvla", letter, StringComparison.Ordinal);
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(sut.Directory, "inbox-redirect-1.json")));
        var redirect = summary.RootElement.GetProperty("outcome").GetProperty("redirect");
        Assert.Equal("dvla", redirect.GetProperty("destination").GetString());
        Assert.Equal("letter", redirect.GetProperty("delivery").GetString());
        Assert.Equal("inbox-redirect-1.letter.txt", redirect.GetProperty("letter").GetString());
        using var recorded = JsonDocument.Parse(result!);
        Assert.Equal("dvla", recorded.RootElement.GetProperty("destination").GetString());
    }

    [Fact]
    public async Task DeliverAsync_Redo_WritesNothingAgain()
    {
        var item = await fixture.EnqueueFileAsync("inbox:redirect/redo", "letter.pdf", "application/pdf", [4, 5]);
        var sut = Step();
        await sut.DeliverAsync(Context(item, DvlaOutcome), CancellationToken.None);
        var before = Directory.GetFiles(sut.Directory, "inbox-redirect-redo*").ToDictionary(f => f, File.GetLastWriteTimeUtc);

        var result = await sut.DeliverAsync(Context(item, DvlaOutcome), CancellationToken.None);

        Assert.Equal(before, Directory.GetFiles(sut.Directory, "inbox-redirect-redo*").ToDictionary(f => f, File.GetLastWriteTimeUtc));
        using var recorded = JsonDocument.Parse(result!);
        Assert.Equal(0, recorded.RootElement.GetProperty("folder").GetProperty("written").GetArrayLength());
    }

    [Fact]
    public async Task DeliverAsync_OutcomeNamesNoDestination_GeneralWording()
    {
        // As after a reviewer corrected an item to not-ours: the correction carries no text to choose a destination from.
        var item = await fixture.EnqueueFileAsync("inbox:redirect/corrected", "letter.pdf", "application/pdf", [6]);
        var sut = Step();

        await sut.DeliverAsync(
            Context(item, """{"category":"not-ours","route":{"type":"redirect","target":"not-ours"}}"""), CancellationToken.None);

        var letter = await File.ReadAllTextAsync(Path.Combine(sut.Directory, "inbox-redirect-corrected.letter.txt"));
        Assert.Contains("is for another organisation", letter, StringComparison.Ordinal);
        Assert.Contains("01632 960000", letter, StringComparison.Ordinal);
    }

    private RouteStepFactory Factory() => new(fixture.Store, fixture.Blobs, Options.Create(fixture.Options), TimeProvider.System);

    private RedirectLetterStep Step() => (RedirectLetterStep)Factory().Create(NotOurs());

    private TaxonomyCategory NotOurs() => CouncilTaxonomy.Load(fixture.Options.TaxonomyPath).Find("not-ours")!;

    private static DeliveryContext Context(WorkItem item, string outcome) =>
        new(item, new ItemOutcome(outcome, 0.99, "inbound-post"), item.Reference + "#route:redirect");
}
