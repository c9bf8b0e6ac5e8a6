using AutomationFleet.Connectors.CaseNotes;

namespace AutomationFleet.Connectors.Tests.CaseNotes;

[Trait("Category", "Integration")]
[Collection(ChromiumCollection.Name)]
public sealed class SessionTimeoutTests(ShortSessionFixture fixture) : IClassFixture<ShortSessionFixture>
{
    [Fact]
    public async Task WriteAsync_SessionIdleLongerThanTimeout_SignsInAgain()
    {
        var writer = fixture.Writer();
        await writer.WriteAsync("CR100020", DeliveryContexts.NewReference(), "First note signs in.", CancellationToken.None);
        var signInsBefore = fixture.Quirks.SignIns;
        await Task.Delay(TimeSpan.FromSeconds(3));
        var reference = DeliveryContexts.NewReference();

        var result = await writer.WriteAsync("CR100020", reference, "Second note after the session lapsed.", CancellationToken.None);

        Assert.Equal(CaseNoteStatus.Written, result.Status);
        Assert.Equal(signInsBefore + 1, fixture.Quirks.SignIns);
        Assert.Equal(1, fixture.NotesWithReference(reference));
    }
}
