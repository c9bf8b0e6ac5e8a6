using System.Net;
using System.Text.RegularExpressions;
using AutomationFleet.Portal.Security;

namespace AutomationFleet.Portal.Tests.Security;

/// <summary>
/// Plain HTTP to a portal with the cookies handled by hand: the portal's cookies are <c>__Host-</c> and Secure, which
/// .NET's <see cref="CookieContainer"/> will not send over http even to loopback (Chromium does), and a test that
/// replays a copied cookie wants to hold the cookie itself anyway.
/// </summary>
internal sealed partial class PortalHttp : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public PortalHttp(string baseUrl) => BaseUrl = baseUrl.TrimEnd('/');

    public string BaseUrl { get; }

    /// <summary>The session cookie as <c>name=value</c>, or null.</summary>
    public string? SessionCookie =>
        _cookies.TryGetValue(PortalCookies.SessionCookieName, out var value) ? PortalCookies.SessionCookieName + "=" + value : null;

    public IReadOnlyList<string> LastSetCookies { get; private set; } = [];

    /// <summary>Signs in with the password form (its anti-forgery token first), keeping the cookies; returns the POST's answer.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string name, string password)
    {
        var token = await TokenAsync("/sign-in");
        return await PostFormAsync("/sign-in", new Dictionary<string, string> { ["name"] = name, ["password"] = password, ["__RequestVerificationToken"] = token });
    }

    /// <summary>The anti-forgery token of the page at <paramref name="path"/> (its cookie kept).</summary>
    public async Task<string> TokenAsync(string path)
    {
        using var page = await GetAsync(path);
        var html = await page.Content.ReadAsStringAsync();
        return TokenField().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"{path} has no anti-forgery token (status {(int)page.StatusCode}).");
    }

    public Task<HttpResponseMessage> GetAsync(string path, IDictionary<string, string>? headers = null) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, BaseUrl + path), headers);

    public Task<HttpResponseMessage> PostFormAsync(string path, IDictionary<string, string> form) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, BaseUrl + path) { Content = new FormUrlEncodedContent(form) }, null);

    /// <summary>A GET with only the given cookie (<c>name=value</c>), as someone who copied it would send it.</summary>
    public async Task<HttpResponseMessage> ReplayAsync(string path, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, BaseUrl + path);
        request.Headers.Add("Cookie", cookie);
        return await _http.SendAsync(request);
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, IDictionary<string, string>? headers)
    {
        using (request)
        {
            if (_cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => c.Key + "=" + c.Value)));
            }

            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
                {
                    request.Headers.Host = value;
                }
                else
                {
                    request.Headers.Add(name, value);
                }
            }

            var response = await _http.SendAsync(request);
            LastSetCookies = response.Headers.TryGetValues("Set-Cookie", out var set) ? set.ToList() : [];
            foreach (var cookie in LastSetCookies)
            {
                var pair = cookie.Split(';', 2)[0];
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var (name, value) = (pair[..equals], pair[(equals + 1)..]);
                if (value.Length == 0 || cookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                {
                    _cookies.Remove(name);
                }
                else
                {
                    _cookies[name] = value;
                }
            }

            return response;
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
