using System.Net;
using AutomationFleet.Bots.Updates.OptOut;
using AutomationFleet.Connectors.Tests.Mail;
using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Updates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AutomationFleet.Bots.Updates.Tests.OptOut;

/// <summary>
/// The opt-out link from a real update, followed against <see cref="UpdateOptOutEndpoints.MapUpdateOptOut"/> in a minimal
/// Kestrel host on loopback: the address and the item get no further update, the opt-out is audited without the
/// address, and a forged or altered token changes nothing.
/// </summary>
[Collection(MailServersCollection.Name)]
[Trait("Category", "Integration")]
public sealed class UpdateOptOutEndpointsTests(MailServersFixture servers)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task MapUpdateOptOut_LinkFromAnUpdateFollowedAndConfirmed_NoFurtherUpdatesToThatAddressAndAudited()
    {
        var mail = new SendUpdateStepTests(servers);
        await using var kit = new UpdatesTestKit(mail.CreateSender(), dailyCap: 10);
        await kit.InitializeAsync();
        kit.Options.Queues["forms"].TouchPoints = [TouchPoint.Received, TouchPoint.Done];
        var address = SendUpdateStepTests.Address();
        var first = await kit.EnqueueFormAsync("form-opt-1", address);
        await kit.Updates.RaiseAsync(first, TouchPoint.Received, None);
        await kit.DrainUpdatesAsync();
        var link = SendUpdateStepTests.LinkIn(Assert.Single(await mail.MailsToAsync(address)));
        await using var site = await StartSiteAsync(kit);
        using var http = new HttpClient { BaseAddress = site.Address };
        var token = new Uri(link).Query["?token=".Length..];

        var page = await http.GetAsync($"/updates/opt-out?token={token}");
        var confirmed = await http.PostAsync("/updates/opt-out", new FormUrlEncodedContent([new("token", Uri.UnescapeDataString(token))]));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<form method=\"post\">", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.False(confirmed.Headers.Contains("Set-Cookie"));
        await kit.RunNextAsync(kit.Forms);
        var second = await kit.EnqueueFormAsync("form-opt-2", address);
        await kit.Updates.RaiseAsync(second, TouchPoint.Received, None);
        await kit.DrainUpdatesAsync();
        Assert.Single(await mail.MailsToAsync(address));
        var audit = Assert.Single(await kit.Store.ListSecurityEventsAsync("item:form-opt-1", 10, None));
        Assert.Equal((UpdateOptOutEndpoints.Actor, AuditActions.UpdatesOptedOut), (audit.Actor, audit.Action));
        Assert.DoesNotContain(address, audit.Target + audit.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task MapUpdateOptOut_TokenAlteredOrSignedWithAnotherKey_Refused400AndNothingChanged()
    {
        await using var kit = new UpdatesTestKit(null);
        await kit.InitializeAsync();
        await using var site = await StartSiteAsync(kit);
        using var http = new HttpClient { BaseAddress = site.Address };
        var good = kit.Tokens.Create("form-x", "ann@example.org");
        var altered = kit.Tokens.Create("form-y", "ann@example.org")[..good.IndexOf('.', StringComparison.Ordinal)] + good[good.IndexOf('.', StringComparison.Ordinal)..];
        var otherKey = new OptOutToken(Convert.ToBase64String(new byte[32])).Create("form-x", "ann@example.org");

        foreach (var token in new[] { altered, otherKey, "not-a-token", "" })
        {
            var response = await http.PostAsync("/updates/opt-out", new FormUrlEncodedContent([new("token", token)]));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/updates/opt-out?token=not-a-token")).StatusCode);
        Assert.Empty(await kit.Store.ListSecurityEventsAsync("item:form-x", 10, None));
        Assert.Equal(
            UpdateReservation.Reserved,
            await kit.Store.ReserveUpdateAsync(new UpdateSend("form-x#update:Done", "form-x", "forms", TouchPoint.Done, UpdateRecipient.HashOf("ann@example.org"), new DateOnly(2026, 12, 7)), 3, None));
    }

    private static async Task<Site> StartSiteAsync(UpdatesTestKit kit)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton<IUpdateStore>(kit.Store);
        builder.Services.AddSingleton(kit.Tokens);
        var app = builder.Build();
        app.MapUpdateOptOut();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new Site(app, new Uri(address));
    }

    private sealed record Site(WebApplication App, Uri Address) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await App.DisposeAsync();
    }
}
