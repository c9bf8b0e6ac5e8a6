using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.Users;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Portal.Hosting;
using AutomationFleet.Portal.Intake;
using AutomationFleet.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Portal.Tests.Intake;

/// <summary>The intake endpoint on a real portal over a temp SQLite store, called over HTTP.</summary>
public sealed class IntakeEndpointTests : IAsyncLifetime
{
    private const string Form = """{"person":{"givenName":"Ada","surname":"Lovelace"},"message":"Please call me."}""";
    private static readonly (string Key, string Hash) WebKey = IntakeKeys.Create();
    private static readonly (string Key, string Hash) OtherKey = IntakeKeys.Create();

    private readonly string _root = Directory.CreateTempSubdirectory("fleet-intake-").FullName;
    private readonly HttpClient _http = new();
    private SqliteFleetStore _store = null!;
    private WebApplication _portal = null!;
    private string _url = "";

    public async Task InitializeAsync()
    {
        _store = new SqliteFleetStore(new SqliteStoreOptions { Path = Path.Combine(_root, "fleet.db") }, TimeProvider.System);
        await _store.InitializeAsync(CancellationToken.None);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Portal:Urls"] = "http://127.0.0.1:0",
            ["Intake:MaxBodyBytes"] = "2048",
            ["Intake:Sources:0:Name"] = "council-website",
            ["Intake:Sources:0:Queue"] = "contact-forms",
            ["Intake:Sources:0:KeyHash"] = WebKey.Hash,
            ["Intake:Sources:1:Name"] = "highways-app",
            ["Intake:Sources:1:Queue"] = "incident-reports",
            ["Intake:Sources:1:KeyHash"] = OtherKey.Hash,
        }).Build();
        _portal = PortalWebApplication.Build(configuration, shared =>
        {
            shared.AddSingleton<IWorkQueue>(_store);
            shared.AddSingleton<IReviewQueue>(_store);
            shared.AddSingleton<IUserStore>(_store);
            shared.AddSingleton<IBlobStore>(new FileBlobStore(Path.Combine(_root, "blobs")));
            shared.AddSingleton(TimeProvider.System);
        });
        await _portal.StartAsync();
        _url = EndToEnd.PortalFixture.Address(_portal) + "/intake/contact-forms";
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _portal.StopAsync();
        await _portal.DisposeAsync();
        await _store.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Post_KnownKeyTwice_OneItemWithTheBodyAsPayload()
    {
        using var first = await PostAsync(WebKey.Key, Form, "form-123");
        using var second = await PostAsync(WebKey.Key, Form, "form-123");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Contains("\"created\":true", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("\"created\":false", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var item = await _store.FindAsync("intake:council-website:form-123", CancellationToken.None);
        Assert.NotNull(item);
        Assert.Equal(("contact-forms", Form), (item.Queue, item.PayloadJson));
    }

    [Fact]
    public async Task Post_NoIdempotencyKey_ReferenceIsTheBodyHash()
    {
        using var response = await PostAsync(WebKey.Key, Form, null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Matches("\"reference\":\"intake:council-website:[0-9a-f]{64}\"", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("afk_not-a-key", HttpStatusCode.Unauthorized)]
    [InlineData("other", HttpStatusCode.Forbidden)]
    public async Task Post_WrongKey_RefusedAndNothingEnqueued(string? key, HttpStatusCode expected)
    {
        using var response = await PostAsync(key == "other" ? OtherKey.Key : key, Form, "refused-1");

        Assert.Equal(expected, response.StatusCode);
        Assert.Null(await _store.FindAsync("intake:council-website:refused-1", CancellationToken.None));
        Assert.Null(await _store.FindAsync("intake:highways-app:refused-1", CancellationToken.None));
    }

    [Theory]
    [InlineData("{not json", HttpStatusCode.BadRequest, "not valid JSON")]
    [InlineData("[1,2]", HttpStatusCode.BadRequest, "JSON object")]
    [InlineData("big", HttpStatusCode.RequestEntityTooLarge, "over 2048 bytes")]
    public async Task Post_BadBody_ClearErrorAndNothingEnqueued(string body, HttpStatusCode expected, string message)
    {
        var content = body == "big" ? "{\"x\":\"" + new string('a', 4000) + "\"}" : body;

        using var response = await PostAsync(WebKey.Key, content, "bad-1");

        Assert.Equal(expected, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await _store.FindAsync("intake:council-website:bad-1", CancellationToken.None));
    }

    [Fact]
    public void Validate_BadSources_EveryProblemByPath()
    {
        var options = new IntakeOptions { MaxBodyBytes = 10 };
        options.Sources.Add(new IntakeSource { Name = "Bad Name", Queue = "", KeyHash = "plain-key" });

        var result = new IntakeOptionsValidator().Validate(null, options);

        Assert.Equal(
            ["Intake:MaxBodyBytes", "Intake:Sources:0:Name", "Intake:Sources:0:Queue", "Intake:Sources:0:KeyHash"],
            result.Failures!.Select(f => f.Split(' ')[0]));
    }

    private async Task<HttpResponseMessage> PostAsync(string? key, string body, string? idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_url))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await _http.SendAsync(request);
    }
}
