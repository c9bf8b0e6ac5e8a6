using System.Net;
using AutomationFleet.Portal.Security;
using AutomationFleet.Portal.Tests.EndToEnd;
using Microsoft.Playwright;

namespace AutomationFleet.Portal.Tests.Security;

/// <summary>Cookies (<c>__Host-</c>, Secure), forwarded headers from known proxies only, and HSTS.</summary>
[Collection(PortalCollection.Name)]
[Trait("Category", "Integration")]
public sealed class TransportTests(PortalFixture browser)
{
    private static readonly Dictionary<string, string> ForwardedHttps = new()
    {
        ["X-Forwarded-Proto"] = "https",
        ["X-Forwarded-For"] = "203.0.113.7",
        ["Host"] = "portal.council.example",
    };

    [Fact]
    public async Task SignIn_Cookies_HostPrefixedSecureHttpOnlyStrict()
    {
        await using var portal = await SignInPortal.CreateAsync();
        var baseUrl = await portal.StartAsync();
        using var http = new PortalHttp(baseUrl);

        await http.TokenAsync("/sign-in");
        var antiforgery = Assert.Single(http.LastSetCookies, c => c.StartsWith(PortalCookies.AntiforgeryCookieName + "=", StringComparison.Ordinal));
        await http.SignInAsync(SignInPortal.Reviewer, PortalFixture.Password);
        var session = Assert.Single(http.LastSetCookies, c => c.StartsWith(PortalCookies.SessionCookieName + "=", StringComparison.Ordinal));

        foreach (var cookie in new[] { antiforgery, session })
        {
            var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
            Assert.Contains("secure", attributes);
            Assert.Contains("httponly", attributes);
            Assert.Contains("samesite=strict", attributes);
            Assert.Contains("path=/", attributes);
            Assert.DoesNotContain(attributes, a => a.StartsWith("domain", StringComparison.Ordinal));
        }

        // Chromium keeps them over http on 127.0.0.1 (a secure context) and signs in with them.
        var page = await browser.NewPageAsync();
        await PortalFixture.SignInAsync(page, baseUrl, SignInPortal.Reviewer);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/review$"));
        var cookies = await page.Context.CookiesAsync();
        Assert.True(cookies.Single(c => c.Name == PortalCookies.SessionCookieName).Secure);
        Assert.True(cookies.Single(c => c.Name == PortalCookies.AntiforgeryCookieName).Secure);
    }

    [Fact]
    public async Task Redirect_ForwardedProtoFromKnownProxy_HttpsUriAndHsts()
    {
        await using var portal = await SignInPortal.CreateAsync();
        var baseUrl = await portal.StartAsync();
        using var http = new PortalHttp(baseUrl);

        using var response = await http.GetAsync("/review", ForwardedHttps);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://portal.council.example/sign-in", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal("max-age=31536000", string.Join(",", response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task Redirect_ForwardedProtoFromUnknownProxy_Ignored()
    {
        await using var portal = await SignInPortal.CreateAsync();
        var baseUrl = await portal.StartAsync(new Dictionary<string, string?>
        {
            ["Portal:TrustLoopbackProxy"] = "false",
            ["Portal:KnownProxies:0"] = "192.0.2.10",
        });
        using var http = new PortalHttp(baseUrl);

        using var response = await http.GetAsync("/review", ForwardedHttps);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://portal.council.example/sign-in", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }
}
