using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AutomationFleet.Bots.Updates.Channels;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Updates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AutomationFleet.Bots.Updates.Tests.Channels;

/// <summary>
/// The GOV.UK Notify channel against a loopback listener that checks the request is what Notify's API documents
/// (docs.notifications.service.gov.uk, .NET client 6.0.0): <c>POST /v2/notifications/email</c>, a JSON body with
/// <c>email_address</c>, <c>template_id</c>, <c>personalisation</c> and <c>reference</c>, and <c>Authorization: Bearer</c> a
/// JWT signed HS256 with the key's secret, <c>iss</c> the service id and <c>iat</c> the time in seconds. No call leaves the machine.
/// </summary>
[Trait("Category", "Integration")]
public sealed class NotifyUpdateChannelTests
{
    private const string ServiceId = "26785a09-ab16-4eb0-8407-a37497a57506";
    private const string Secret = "3d844edf-8d35-48ac-975b-e847b4f122b0";
    private const string TemplateId = "f33517ff-2a88-4f6e-b855-c550268ce08a";

    [Fact]
    public async Task SendAsync_Update_RequestIsWhatNotifysApiDocuments()
    {
        var seen = new List<SeenRequest>();
        await using var notify = await StartNotifyAsync(seen, StatusCodes.Status201Created);
        var channel = new NotifyUpdateChannel(Options(notify.Address));
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var result = await channel.SendAsync(Message(), CancellationToken.None);

        var request = Assert.Single(seen);
        var body = request.Body;
        Assert.Equal(("POST", "/v2/notifications/email"), (request.Method, request.Path));
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal("ann@example.org", root.GetProperty("email_address").GetString());
        Assert.Equal(TemplateId, root.GetProperty("template_id").GetString());
        Assert.Equal("form-1#update:Done#send-update", root.GetProperty("reference").GetString());
        var personalisation = root.GetProperty("personalisation");
        Assert.Equal("AF-000001", personalisation.GetProperty("reference").GetString());
        Assert.Equal("Blue Badge team", personalisation.GetProperty("service").GetString());
        Assert.Equal("https://status.council.example/updates/opt-out?token=t", personalisation.GetProperty("opt_out_url").GetString());

        var authorization = request.Authorization;
        Assert.StartsWith("Bearer ", authorization, StringComparison.Ordinal);
        var parts = authorization["Bearer ".Length..].Split('.');
        Assert.Equal(3, parts.Length);
        using var header = JsonDocument.Parse(WebEncoders.Base64UrlDecode(parts[0]));
        Assert.Equal("HS256", header.RootElement.GetProperty("alg").GetString());
        using var claims = JsonDocument.Parse(WebEncoders.Base64UrlDecode(parts[1]));
        Assert.Equal(ServiceId, claims.RootElement.GetProperty("iss").GetString());
        var iat = claims.RootElement.GetProperty("iat").GetDouble();
        Assert.True(iat == Math.Floor(iat), $"iat {claims.RootElement.GetProperty("iat").GetRawText()} is whole seconds");
        Assert.InRange(iat, before - 1, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        Assert.Equal(WebEncoders.Base64UrlEncode(signature), parts[2]);
        Assert.Contains("\"notificationId\":\"740e5834-3a29-46b4-9a6f-16142fde533a\"", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NotifyAnswers400_PermanentSoTheUpdateGoesToAPerson()
    {
        await using var notify = await StartNotifyAsync([], StatusCodes.Status400BadRequest);
        var channel = new NotifyUpdateChannel(Options(notify.Address));

        var exception = await Assert.ThrowsAsync<PermanentDeliveryException>(() => channel.SendAsync(Message(), CancellationToken.None));

        Assert.Contains("GOV.UK Notify refused", exception.Message, StringComparison.Ordinal);
    }

    private static UpdateMessage Message() => new(
        new MailboxAddress(null, "ann@example.org"), TouchPoint.Done, "AF-000001", "Blue Badge team", null,
        "https://status.council.example/updates/opt-out?token=t", "form-1#update:Done#send-update");

    private static IOptions<UpdatesOptions> Options(Uri baseUrl) => Microsoft.Extensions.Options.Options.Create(new UpdatesOptions
    {
        Channel = UpdatesOptions.NotifyChannel,
        Notify = new NotifyOptions
        {
            BaseUrl = baseUrl.ToString().TrimEnd('/'),
            ApiKey = $"fleet_test-{ServiceId}-{Secret}",
            Templates = { [TouchPoint.Done] = TemplateId },
        },
    });

    private static async Task<Listener> StartNotifyAsync(List<SeenRequest> seen, int status)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(async context =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            seen.Add(new SeenRequest(context.Request.Method, context.Request.Path.Value!, context.Request.ContentType, context.Request.Headers.Authorization.ToString(), body));
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(status == StatusCodes.Status201Created
                ? $$$"""{"id":"740e5834-3a29-46b4-9a6f-16142fde533a","reference":"r","content":{"body":"b","subject":"s","from_email":"updates@council.example"},"uri":"https://api.notifications.service.gov.uk/v2/notifications/740e5834-3a29-46b4-9a6f-16142fde533a","template":{"id":"{{{TemplateId}}}","version":1,"uri":"https://api.notifications.service.gov.uk/v2/template/{{{TemplateId}}}"}}"""
                : """{"errors":[{"error":"ValidationError","message":"email_address Not a valid email address"}],"status_code":400}""");
        });
        await app.StartAsync();
        return new Listener(app, new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()));
    }

    private sealed record SeenRequest(string Method, string Path, string? ContentType, string Authorization, string Body);

    private sealed record Listener(WebApplication App, Uri Address) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await App.DisposeAsync();
    }
}
