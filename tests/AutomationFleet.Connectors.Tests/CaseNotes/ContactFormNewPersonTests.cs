using System.Text.Json;
using AutomationFleet.Bots.ContactForms;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.SideEffects;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Matching.Index;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Connectors.Tests.CaseNotes;

/// <summary>
/// The contact-form bot with <c>ContactForms:NewPerson</c> Create, from a web form to a new record in the sample app:
/// the decision, then the bot's own delivery steps in Chromium, as the runner runs them.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ChromiumCollection.Name)]
public sealed class ContactFormNewPersonTests(CaseManagementFixture fixture) : IClassFixture<CaseManagementFixture>
{
    [Fact]
    public async Task DeliverySteps_CreateAndWebFormAboutNobodyOnRecord_OpenTheRecordWithTheMessageAsItsFirstNote()
    {
        var index = new PersonIndexHolder();
        // The extract the sample app was seeded from, copied beside the tests.
        index.Use(PersonIndexFile.BuildFromExtract(Path.Combine(AppContext.BaseDirectory, "case-records", "people.csv")));
        var bot = new ContactFormBot(
            new PersonIndexFinder(index), Options.Create(new ContactFormsOptions { NewPerson = NewPersonModes.Create }), fixture.Writer(), fixture.Creator(), NullLogger<ContactFormBot>.Instance);
        var item = DeliveryContexts.Item(
            DeliveryContexts.NewReference(),
            """{"person":{"givenName":"Zebedee","surname":"Quarrington-Vance","dateOfBirth":"01/02/2001","postcode":"ZZ9 9ZZ"},"message":"I need support at home."}""");

        var decision = await bot.DecideAsync(new BotInput(item, fixture.Blobs), CancellationToken.None);
        Assert.Equal((BotDecisionKind.Proposal, "new-person"), (decision.Kind, decision.Category));
        var outcome = new ItemOutcome(decision.OutcomeJson!, decision.Confidence, "bot");
        var results = new Dictionary<string, JsonElement>();
        foreach (var step in bot.DeliverySteps)
        {
            var context = new DeliveryContext(item, outcome, IdempotencyKey.For(item.Reference, step.Name));
            var result = await fixture.WebPipeline.ExecuteAsync(async token => await step.DeliverAsync(context, token));
            results[step.Name] = JsonDocument.Parse(result!).RootElement;
        }

        var key = IdempotencyKey.For(item.Reference, "new-person");
        var id = Assert.Single(fixture.PeopleWithSourceReference(key));
        Assert.Equal(id, results["new-person"].GetProperty("caseRecordId").GetString());
        Assert.Equal($"I need support at home.\n\nRef: {key}", Assert.Single(fixture.NotesOn(id)));
        Assert.True(results["case-note"].TryGetProperty("skipped", out _));
    }
}
