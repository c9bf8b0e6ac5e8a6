using System.Text.Json;
using AutomationFleet.Connectors.CaseNotes;
using AutomationFleet.Core.Delivery;

namespace AutomationFleet.Connectors.Tests.CaseNotes;

[Trait("Category", "Integration")]
[Collection(ChromiumCollection.Name)]
public sealed class CaseNoteWriterTests(CaseManagementFixture fixture) : IClassFixture<CaseManagementFixture>
{
    [Fact]
    public async Task WriteAsync_SameReferenceTwice_WritesOneNote()
    {
        var writer = fixture.Writer();
        var reference = DeliveryContexts.NewReference();

        var first = await writer.WriteAsync("CR100010", reference, "Contact form: asks for a carer's assessment.", CancellationToken.None);
        var second = await writer.WriteAsync("CR100010", reference, "Contact form: asks for a carer's assessment.", CancellationToken.None);

        Assert.Equal(CaseNoteStatus.Written, first.Status);
        Assert.Equal(CaseNoteStatus.AlreadyThere, second.Status);
        Assert.Equal(1, fixture.NotesWithReference(reference));
        Assert.Equal(1, fixture.Browser.Launches);
    }

    [Fact]
    public async Task DeliverAsync_ServerErrorOnFirstPage_IsRetriedAndWritesOnce()
    {
        var writer = new DeliveryContexts.CountingWriter(fixture.Writer());
        var step = new CaseNoteStep(writer, _ => new CaseNoteRequest("CR100011", "Contact form received."));
        var context = DeliveryContexts.For(DeliveryContexts.NewReference());
        var errorsBefore = fixture.Quirks.ServerErrors;
        fixture.Quirks.FailNextRequests(1);

        var result = await fixture.WebPipeline.ExecuteAsync(async token => await step.DeliverAsync(context, token));

        Assert.Equal(errorsBefore + 1, fixture.Quirks.ServerErrors);
        Assert.Equal(2, writer.Attempts);
        Assert.Equal("Written", JsonDocument.Parse(result!).RootElement.GetProperty("status").GetString());
        Assert.Equal(1, fixture.NotesWithReference(context.IdempotencyKey));
    }

    [Fact]
    public async Task DeliverAsync_SessionEndsWhileSaving_SignsInAgainAndWritesOnce()
    {
        var writer = new DeliveryContexts.CountingWriter(fixture.Writer());
        var step = new CaseNoteStep(writer, _ => new CaseNoteRequest("CR100012", "Contact form received."));
        var context = DeliveryContexts.For(DeliveryContexts.NewReference());
        await fixture.Writer().WriteAsync("CR100012", DeliveryContexts.NewReference(), "Signs the browser in first.", CancellationToken.None);
        var signInsBefore = fixture.Quirks.SignIns;
        fixture.Quirks.ExpireSessionsOnNextSave();

        await fixture.WebPipeline.ExecuteAsync(async token => await step.DeliverAsync(context, token));

        Assert.Equal(2, writer.Attempts);
        Assert.Equal(signInsBefore + 1, fixture.Quirks.SignIns);
        Assert.Equal(1, fixture.NotesWithReference(context.IdempotencyKey));
    }

    [Fact]
    public async Task DeliverAsync_ChangedLayout_StopsWithPermanentErrorNamingTheElementAndKeepsArtefacts()
    {
        var writer = new DeliveryContexts.CountingWriter(fixture.Writer());
        var step = new CaseNoteStep(writer, _ => new CaseNoteRequest("CR100013", "Contact form received."));
        var context = DeliveryContexts.For(DeliveryContexts.NewReference());
        fixture.Quirks.Redesigned = true;
        try
        {
            var error = await Assert.ThrowsAsync<PermanentDeliveryException>(
                async () => await fixture.WebPipeline.ExecuteAsync(async token => await step.DeliverAsync(context, token)));

            Assert.Equal(1, writer.Attempts);
            Assert.Contains("CaseManagement:Person:NotesList ('#case-notes') is missing", error.Message, StringComparison.Ordinal);
            Assert.Contains("Nothing was clicked", error.Message, StringComparison.Ordinal);
            var fault = Assert.IsType<CaseManagementException>(error.InnerException);
            Assert.Equal(CaseManagementFault.LayoutChanged, fault.Fault);
            Assert.Equal(["image/png", "application/zip"], fault.Artefacts.Select(a => a.MediaType));
            foreach (var artefact in fault.Artefacts)
            {
                await using var blob = fixture.Blobs.OpenRead(artefact.ContentHash);
                Assert.True(blob.Length > 1000, $"{artefact.Name} is {blob.Length} bytes");
                Assert.Contains(artefact.ContentHash, error.Message, StringComparison.Ordinal);
            }

            Assert.Equal(0, fixture.NotesWithReference(context.IdempotencyKey));
        }
        finally
        {
            fixture.Quirks.Redesigned = false;
        }
    }

    [Fact]
    public async Task DeliverAsync_UnknownCaseRecord_StopsWithPermanentError()
    {
        var step = new CaseNoteStep(fixture.Writer(), _ => new CaseNoteRequest("CR999999", "Contact form received."));

        var error = await Assert.ThrowsAsync<PermanentDeliveryException>(
            async () => await fixture.WebPipeline.ExecuteAsync(async token => await step.DeliverAsync(DeliveryContexts.For(DeliveryContexts.NewReference()), token)));

        Assert.Contains("No person has case-record id CR999999", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_NoCaseRecordId_StopsWithPermanentErrorBeforeOpeningAPage()
    {
        var writer = new DeliveryContexts.CountingWriter(fixture.Writer());
        var step = new CaseNoteStep(writer, _ => new CaseNoteRequest(" ", "Contact form received."));

        var error = await Assert.ThrowsAsync<PermanentDeliveryException>(
            async () => await step.DeliverAsync(DeliveryContexts.For(DeliveryContexts.NewReference()), CancellationToken.None));

        Assert.Contains("no case-record id", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, writer.Attempts);
    }
}
