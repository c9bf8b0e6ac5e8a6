using System.Text;
using System.Text.Json;
using AutomationFleet.Bots.InboundPost.Routing;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Bots.InboundPost.Tests.Bot;

/// <summary>
/// Post for another organisation through the real bot (the starter model trained from config/training, the shipped
/// taxonomy and redirect wording) and its real route step: classified not-ours, the destination chosen from the text, and
/// the letter written for the sender names that destination.
/// </summary>
[Trait("Category", "Integration")]
public sealed class NotOursTests(BotFixture fixture) : IClassFixture<BotFixture>
{
    [Theory]
    [InlineData("council-tax",
        "Dear Sir or Madam, I have received a council tax bill for the whole year but I moved out of the flat in March. "
        + "Please can you correct my council tax account and refund what I have overpaid. Yours faithfully, Mrs A Example",
        "district-council", "https://www.gov.uk/find-local-council")]
    [InlineData("gp",
        "Dear Sir or Madam, I cannot get an appointment at my GP surgery. I ring at 8am every day and the line is engaged, "
        + "and when I get through all the appointments have gone. Please can you help me see a doctor. Yours faithfully, Mr B Sample",
        "nhs", "https://www.nhs.uk")]
    [InlineData("licence",
        "Dear Sir or Madam, I need to renew my photocard driving licence, it runs out next month, and I have changed address. "
        + "Please send me the form. Yours faithfully, Ms C Specimen",
        "dvla", "https://www.gov.uk/contact-the-dvla")]
    public async Task DecideAndDeliver_LetterForAnotherOrganisation_NotOursAndTheLetterNamesTheDestination(
        string name, string text, string destination, string web)
    {
        var item = await fixture.EnqueueFileAsync($"letter:not-ours:{name}", name + ".txt", "text/plain", Encoding.UTF8.GetBytes(text));

        var decision = await fixture.Bot.DecideAsync(new BotInput(item, fixture.Blobs), CancellationToken.None);

        Assert.Equal("not-ours", decision.Category);
        Assert.Equal("Customer services", decision.Service);
        using (var outcome = JsonDocument.Parse(decision.OutcomeJson!))
        {
            Assert.Equal("redirect", outcome.RootElement.GetProperty("route").GetProperty("type").GetString());
            Assert.Equal(destination, outcome.RootElement.GetProperty("redirect").GetProperty("destination").GetString());
        }

        using (var evidence = JsonDocument.Parse(decision.EvidenceJson!))
        {
            Assert.Equal(destination, evidence.RootElement.GetProperty("redirect").GetProperty("destination").GetString());
        }

        var route = Assert.Single(fixture.Bot.DeliverySteps, s => s.Name == "route:redirect");
        var context = new DeliveryContext(item, new ItemOutcome(decision.OutcomeJson!, decision.Confidence, "inbound-post"), $"{item.Reference}#{route.Name}");
        var result = await route.DeliverAsync(context, CancellationToken.None);
        foreach (var other in fixture.Bot.DeliverySteps.Where(s => s != route))
        {
            Assert.Null(await other.DeliverAsync(context, CancellationToken.None));
        }

        Assert.NotNull(result);
        var letter = await File.ReadAllTextAsync(
            Path.Combine(fixture.Options.DropFolder, "not-ours", DropFolderStep.SafeName(item.Reference) + ".letter.txt"));
        Assert.Contains(web, letter, StringComparison.Ordinal);
        Assert.Contains(Connectors.Mail.CitizenReference.For(item), letter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecideAsync_OtherCategories_OutcomeHasNoRedirect()
    {
        var item = await fixture.EnqueueFileAsync(
            "letter:not-ours:pothole", "pothole.txt", "text/plain",
            Encoding.UTF8.GetBytes("There is a large pothole on Example Road that has burst two of my tyres."));

        var decision = await fixture.Bot.DecideAsync(new BotInput(item, fixture.Blobs), CancellationToken.None);

        Assert.Equal("highways", decision.Category);
        using var outcome = JsonDocument.Parse(decision.OutcomeJson!);
        Assert.False(outcome.RootElement.TryGetProperty("redirect", out _));
    }
}
