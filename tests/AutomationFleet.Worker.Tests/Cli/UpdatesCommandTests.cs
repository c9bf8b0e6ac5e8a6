using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Updates;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Worker.Cli;

namespace AutomationFleet.Worker.Tests.Cli;

[Trait("Category", "Integration")]
[Collection(CliTestCollection.Name)]
public sealed class UpdatesCommandTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly CliFixture _cli = new();

    public async Task InitializeAsync()
    {
        await using var store = await _cli.OpenStoreAsync();
    }

    public async Task DisposeAsync() => await _cli.DisposeAsync();

    [Fact]
    public async Task UpdatesOptOut_ShortReferenceAndEmail_BothRefusedLaterAuditedAndAddressNeverEchoed()
    {
        long id;
        await using (var store = await _cli.OpenStoreAsync())
        {
            id = (await store.EnqueueAsync(new NewWorkItem("contact-forms", "form-77", "{}"), "test", None)).Item.Id;
        }

        var byReference = await _cli.RunAsync("updates", "opt-out", "--reference", ShortReference.For(id));
        var byEmail = await _cli.RunAsync("updates", "opt-out", "--email", "Ann.Example@example.org");
        var again = await _cli.RunAsync("updates", "opt-out", "--email", "ann.example@example.org");
        var neither = await _cli.RunAsync("updates", "opt-out");

        Assert.True(byReference.ExitCode == ExitCodes.Success, byReference.Error);
        Assert.Contains("no further updates to item form-77", byReference.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, byEmail.ExitCode);
        Assert.Contains("already opted out", again.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("example.org", byEmail.Output + again.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ExitCodes.Usage, neither.ExitCode);
        await using var check = await _cli.OpenStoreAsync();
        Assert.Equal(
            UpdateReservation.OptedOut,
            await check.ReserveUpdateAsync(new UpdateSend("x#update:Done", "x", "contact-forms", TouchPoint.Done, UpdateRecipient.HashOf("ann.example@example.org"), new DateOnly(2026, 12, 7)), 3, None));
        Assert.Equal(
            UpdateReservation.OptedOut,
            await check.ReserveUpdateAsync(new UpdateSend("form-77#update:Done", "form-77", "contact-forms", TouchPoint.Done, UpdateRecipient.HashOf("bo@example.org"), new DateOnly(2026, 12, 7)), 3, None));
        var audit = Assert.Single(await check.ListSecurityEventsAsync("item:form-77", 10, None));
        Assert.Equal(AuditActions.UpdatesOptedOut, audit.Action);
        Assert.StartsWith("cli:", audit.Actor, StringComparison.Ordinal);
    }
}
