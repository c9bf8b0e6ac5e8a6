using System.Text.Json;
using AutomationFleet.Connectors.CaseNotes;
using AutomationFleet.Core.Delivery;

namespace AutomationFleet.Connectors.Tests.CaseNotes;

/// <summary>Opening a new person's record and writing its first note, in Chromium against the sample app.</summary>
[Trait("Category", "Integration")]
[Collection(ChromiumCollection.Name)]
public sealed class NewPersonStepTests(CaseManagementFixture fixture) : IClassFixture<CaseManagementFixture>
{
    private const string Note = "Contact form: has just moved to the county and needs support with personal care.";

    [Fact]
    public async Task DeliverAsync_NewPerson_CreatesOneRecordCarryingTheReferenceAndTheNote()
    {
        var context = DeliveryContexts.For(DeliveryContexts.NewReference(), "new-person");

        var result = JsonDocument.Parse((await DeliverAsync(CreateSut(Unique("Zebedee")), context))!).RootElement;

        var id = Assert.Single(fixture.PeopleWithSourceReference(context.IdempotencyKey));
        Assert.Equal(("Created", id, "Written"), (result.GetProperty("person").GetString(), result.GetProperty("caseRecordId").GetString(), result.GetProperty("note").GetString()));
        var note = Assert.Single(fixture.NotesOn(id));
        Assert.Equal($"{Note}\n\nRef: {context.IdempotencyKey}", note);
    }

    [Fact]
    public async Task DeliverAsync_SameReferenceTwice_OnePersonOneNote()
    {
        var step = CreateSut(Unique("Ottoline"));
        var context = DeliveryContexts.For(DeliveryContexts.NewReference(), "new-person");

        var first = JsonDocument.Parse((await DeliverAsync(step, context))!).RootElement;
        var second = JsonDocument.Parse((await DeliverAsync(step, context))!).RootElement;

        var id = Assert.Single(fixture.PeopleWithSourceReference(context.IdempotencyKey));
        Assert.Equal(("Created", "Written"), (first.GetProperty("person").GetString(), first.GetProperty("note").GetString()));
        Assert.Equal(("AlreadyThere", id, "AlreadyThere"), (second.GetProperty("person").GetString(), second.GetProperty("caseRecordId").GetString(), second.GetProperty("note").GetString()));
        Assert.Single(fixture.NotesOn(id));
    }

    [Fact]
    public async Task DeliverAsync_CrashAfterCreatingBeforeRecording_RedoReusesTheRecordAndWritesTheNote()
    {
        var person = Unique("Perpetua");
        var context = DeliveryContexts.For(DeliveryContexts.NewReference(), "new-person");
        // What a worker killed after saving the person leaves: the record in the system, nothing in the ledger, no note.
        var created = await fixture.Creator().CreateAsync(person, context.IdempotencyKey, CancellationToken.None);

        var redo = JsonDocument.Parse((await DeliverAsync(CreateSut(person), context))!).RootElement;

        Assert.Equal(NewPersonStatus.Created, created.Status);
        Assert.Equal([created.CaseRecordId], fixture.PeopleWithSourceReference(context.IdempotencyKey));
        Assert.Equal(("AlreadyThere", created.CaseRecordId, "Written"), (redo.GetProperty("person").GetString(), redo.GetProperty("caseRecordId").GetString(), redo.GetProperty("note").GetString()));
        Assert.Single(fixture.NotesOn(created.CaseRecordId));
    }

    [Fact]
    public async Task DeliverAsync_ServerErrorAfterSavingThePerson_RetryReusesTheRecord()
    {
        var creator = new CountingCreator(fixture.Creator());
        var step = new NewPersonStep(creator, fixture.Writer(), _ => new NewPersonAndNote(Unique("Hildegard"), Note));
        var context = DeliveryContexts.For(DeliveryContexts.NewReference(), "new-person");
        fixture.Quirks.FailAfterNextPersonSave();

        var result = JsonDocument.Parse((await DeliverAsync(step, context))!).RootElement;

        Assert.Equal(2, creator.Attempts);
        var id = Assert.Single(fixture.PeopleWithSourceReference(context.IdempotencyKey));
        Assert.Equal(("AlreadyThere", id), (result.GetProperty("person").GetString(), result.GetProperty("caseRecordId").GetString()));
        Assert.Single(fixture.NotesOn(id));
    }

    [Fact]
    public async Task DeliverAsync_SameNameAndBirthDateAlreadyOnRecord_StopsWithPermanentErrorCreatingNothing()
    {
        // CR100002 in the extract: Elena Mills, born 1954-11-20.
        var step = CreateSut(new NewPersonRequest("Elena", "Mills", new DateOnly(1954, 11, 20), null, null));
        var context = DeliveryContexts.For(DeliveryContexts.NewReference(), "new-person");

        var error = await Assert.ThrowsAsync<PermanentDeliveryException>(async () => await DeliverAsync(step, context));

        Assert.Equal(CaseManagementFault.PossibleDuplicate, Assert.IsType<CaseManagementException>(error.InnerException).Fault);
        Assert.Contains("same name and date of birth", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Elena", error.Message, StringComparison.Ordinal);
        Assert.Empty(fixture.PeopleWithSourceReference(context.IdempotencyKey));
    }

    [Fact]
    public async Task DeliverAsync_ChangedNewPersonForm_StopsWithPermanentErrorNamingTheElement()
    {
        var context = DeliveryContexts.For(DeliveryContexts.NewReference(), "new-person");
        fixture.Quirks.Redesigned = true;
        try
        {
            var error = await Assert.ThrowsAsync<PermanentDeliveryException>(async () => await DeliverAsync(CreateSut(Unique("Cosmo")), context));

            Assert.Contains("CaseManagement:NewPerson:GivenName ('#new-given-name') is missing", error.Message, StringComparison.Ordinal);
            var fault = Assert.IsType<CaseManagementException>(error.InnerException);
            Assert.Equal(CaseManagementFault.LayoutChanged, fault.Fault);
            Assert.Equal(["image/png", "application/zip"], fault.Artefacts.Select(a => a.MediaType));
            Assert.Empty(fixture.PeopleWithSourceReference(context.IdempotencyKey));
        }
        finally
        {
            fixture.Quirks.Redesigned = false;
        }
    }

    // A surname no other test uses, so the namesake check never trips over another test's person.
    private static NewPersonRequest Unique(string givenName) =>
        new(givenName, $"Testperson-{Guid.NewGuid():N}"[..20], new DateOnly(2001, 2, 1), "1 New Road, Reading", "RG1 1AA");

    private NewPersonStep CreateSut(NewPersonRequest person) =>
        new(fixture.Creator(), fixture.Writer(), _ => new NewPersonAndNote(person, Note));

    private sealed class CountingCreator(ICaseRecordCreator inner) : ICaseRecordCreator
    {
        public int Attempts { get; private set; }

        public Task<NewPersonResult> CreateAsync(NewPersonRequest person, string reference, CancellationToken cancellationToken)
        {
            Attempts++;
            return inner.CreateAsync(person, reference, cancellationToken);
        }
    }

    private async Task<string?> DeliverAsync(NewPersonStep step, DeliveryContext context) =>
        await fixture.WebPipeline.ExecuteAsync(async token => await step.DeliverAsync(context, token));
}
