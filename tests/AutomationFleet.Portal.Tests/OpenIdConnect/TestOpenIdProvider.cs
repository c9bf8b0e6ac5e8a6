using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace AutomationFleet.Portal.Tests.OpenIdConnect;

/// <summary>
/// A small but real OpenID Connect provider for the tests, written from OpenID Connect Core 1.0, Discovery 1.0,
/// RFC 6749 (OAuth 2.0), RFC 7636 (PKCE), RFC 7517/7518 (JWK, RS256) and RFC 7519 (JWT). Kestrel on 127.0.0.1 on a free
/// port; the issuer is named <c>http://localhost:PORT</c> so that, to the browser, the directory is another site than
/// the portal on 127.0.0.1 (as a real directory is). The authorize endpoint approves <see cref="NextUser"/> without a
/// login page; the token endpoint checks the client secret, the code (single use, 60 s), the redirect URI and the PKCE
/// verifier, and answers an RS256-signed id_token carrying the nonce, signed with an RSA key made for this run.
/// </summary>
public sealed class TestOpenIdProvider : IAsyncDisposable
{
    public const string ClientId = "fleet-portal";
    public const string ClientSecret = "test-client-secret-5f1c9a";

    private static readonly TimeSpan CodeLifetime = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(5);

    private readonly RSA _signingKey = RSA.Create(2048);
    private readonly string _keyId = Base64Url(RandomNumberGenerator.GetBytes(9));
    private readonly ConcurrentDictionary<string, PendingCode> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _refusals = new();
    private readonly TimeProvider _timeProvider;
    private WebApplication? _app;
    private int _tokensIssued;

    public TestOpenIdProvider(TimeProvider timeProvider) => _timeProvider = timeProvider;

    /// <summary>The issuer and authority: <c>http://localhost:PORT</c>.</summary>
    public string Issuer { get; private set; } = "";

    /// <summary>The one redirect URI registered for <see cref="ClientId"/> (the portal's callback).</summary>
    public string RedirectUri { get; set; } = "";

    /// <summary>The <c>preferred_username</c> the authorize endpoint signs in next; null sends no such claim.</summary>
    public string? NextUser { get; set; }

    /// <summary>The <c>sub</c> the next id_token carries; null gives <c>directory-id-{user}</c> (stable per user).</summary>
    public string? NextSubject { get; set; }

    /// <summary>The query of the last authorization request, as the portal sent it.</summary>
    public IReadOnlyDictionary<string, string> LastAuthorizeRequest { get; private set; } = new Dictionary<string, string>();

    /// <summary>id_tokens issued by the token endpoint.</summary>
    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    /// <summary>Why the provider refused requests, in order.</summary>
    public IReadOnlyCollection<string> Refusals => _refusals;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapGet("/.well-known/openid-configuration", Discovery);
        _app.MapGet("/jwks", Keys);
        _app.MapGet("/authorize", Authorize);
        _app.MapPost("/token", TokenAsync);
        await _app.StartAsync();
        var port = new Uri(EndToEnd.PortalFixture.Address(_app)).Port;
        Issuer = $"http://localhost:{port}";
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _signingKey.Dispose();
    }

    // OpenID Connect Discovery 1.0 §3.
    private IResult Discovery() => Results.Text(
        $$"""
        {
          "issuer": "{{Issuer}}",
          "authorization_endpoint": "{{Issuer}}/authorize",
          "token_endpoint": "{{Issuer}}/token",
          "jwks_uri": "{{Issuer}}/jwks",
          "response_types_supported": ["code"],
          "response_modes_supported": ["query"],
          "grant_types_supported": ["authorization_code"],
          "subject_types_supported": ["public"],
          "id_token_signing_alg_values_supported": ["RS256"],
          "scopes_supported": ["openid", "profile"],
          "claims_supported": ["iss", "sub", "aud", "exp", "iat", "nonce", "preferred_username"],
          "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
          "code_challenge_methods_supported": ["S256"]
        }
        """,
        "application/json");

    private IResult Keys()
    {
        var parameters = _signingKey.ExportParameters(includePrivateParameters: false);
        return Results.Json(new
        {
            keys = new[]
            {
                new { kty = "RSA", use = "sig", alg = "RS256", kid = _keyId, n = Base64Url(parameters.Modulus!), e = Base64Url(parameters.Exponent!) },
            },
        });
    }

    private IResult Authorize(HttpRequest request)
    {
        var query = request.Query.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        LastAuthorizeRequest = query;
        string Get(string name) => query.GetValueOrDefault(name) ?? "";

        // An unknown client or redirect URI is never redirected to (OAuth 2.0 §4.1.2.1): the error is shown here.
        if (Get("client_id") != ClientId || Get("redirect_uri") != RedirectUri || RedirectUri.Length == 0)
        {
            return Refuse("authorize: unknown client or redirect_uri", Results.BadRequest("unknown client or redirect_uri"));
        }

        string? error =
            Get("response_type") != "code" ? "unsupported_response_type"
            : !Get("scope").Split(' ').Contains("openid") ? "invalid_scope"
            : Get("code_challenge").Length < 43 || Get("code_challenge_method") != "S256" ? "invalid_request"
            : Get("nonce").Length == 0 ? "invalid_request"
            : null;
        var answer = new Dictionary<string, string?> { ["state"] = Get("state") };
        if (error is not null)
        {
            answer["error"] = error;
            return Refuse("authorize: " + error, Results.Redirect(QueryHelpers.AddQueryString(RedirectUri, answer)));
        }

        var code = Base64Url(RandomNumberGenerator.GetBytes(32));
        _codes[code] = new PendingCode(
            Get("redirect_uri"), Get("code_challenge"), Get("nonce"), NextUser, _timeProvider.GetUtcNow() + CodeLifetime) { Subject = NextSubject };
        answer["code"] = code;
        return Results.Redirect(QueryHelpers.AddQueryString(RedirectUri, answer));
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var (clientId, secret) = ClientCredentials(request, form);
        if (clientId != ClientId || !FixedTimeEquals(secret, ClientSecret))
        {
            return Refuse("token: client authentication failed", TokenError("invalid_client", StatusCodes.Status401Unauthorized));
        }

        if (form["grant_type"] != "authorization_code")
        {
            return Refuse("token: grant_type", TokenError("unsupported_grant_type"));
        }

        // A code is used once: taking it out first means a second try with the same code always fails.
        if (!_codes.TryRemove(form["code"].ToString(), out var pending) || pending.ExpiresAt < _timeProvider.GetUtcNow())
        {
            return Refuse("token: unknown, used or expired code", TokenError("invalid_grant"));
        }

        if (form["redirect_uri"] != pending.RedirectUri)
        {
            return Refuse("token: redirect_uri differs from the authorization request", TokenError("invalid_grant"));
        }

        var verifier = form["code_verifier"].ToString();
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        if (verifier.Length is < 43 or > 128 || !FixedTimeEquals(challenge, pending.CodeChallenge))
        {
            return Refuse("token: PKCE code_verifier does not match the code_challenge", TokenError("invalid_grant"));
        }

        Interlocked.Increment(ref _tokensIssued);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return Results.Json(
            new
            {
                access_token = Base64Url(RandomNumberGenerator.GetBytes(32)),
                token_type = "Bearer",
                expires_in = (int)TokenLifetime.TotalSeconds,
                id_token = IdToken(pending),
            },
            statusCode: StatusCodes.Status200OK);
    }

    private string IdToken(PendingCode pending)
    {
        var now = _timeProvider.GetUtcNow();
        var claims = new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["sub"] = pending.Subject ?? "directory-id-" + (pending.User ?? "none"),
            ["aud"] = ClientId,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + TokenLifetime).ToUnixTimeSeconds(),
            ["nonce"] = pending.Nonce,
        };
        if (pending.User is not null)
        {
            claims["preferred_username"] = pending.User;
        }

        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "RS256", typ = "JWT", kid = _keyId }));
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signed = header + "." + payload;
        var signature = _signingKey.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signed + "." + Base64Url(signature);
    }

    // client_secret_basic (RFC 6749 §2.3.1: each part form-urlencoded, then Basic) or client_secret_post.
    private static (string? ClientId, string? Secret) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) && header.Parameter is not null)
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter)).Split(':', 2);
            return pair.Length == 2 ? (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1])) : (null, null);
        }

        return (form["client_id"].ToString(), form["client_secret"].ToString());
    }

    private IResult Refuse(string why, IResult result)
    {
        _refusals.Enqueue(why);
        return result;
    }

    private static IResult TokenError(string error, int status = StatusCodes.Status400BadRequest) =>
        Results.Json(new { error }, statusCode: status);

    private static bool FixedTimeEquals(string? a, string b) =>
        a is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed record PendingCode(string RedirectUri, string CodeChallenge, string Nonce, string? User, DateTimeOffset ExpiresAt)
    {
        public string? Subject { get; init; }
    }
}
