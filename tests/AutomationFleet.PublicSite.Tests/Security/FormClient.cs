using System.Net;
using System.Text.RegularExpressions;

namespace AutomationFleet.PublicSite.Tests.Security;

/// <summary>Plain HTTP to a site, no cookie jar and no redirects followed, from a client address of the test's own (X-Forwarded-For).</summary>
internal sealed partial class FormClient(string clientAddress) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });

    /// <summary>GETs the form at <paramref name="url"/> and keeps what a browser would: the cookie <paramref name="cookieName"/> and the hidden token.</summary>
    public async Task<IssuedForm> GetFormAsync(string url, string cookieName)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, url));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie")
            .Select(c => c.Split(';', 2)[0])
            .Single(pair => pair.StartsWith(cookieName + "=", StringComparison.Ordinal));
        var html = await response.Content.ReadAsStringAsync();
        var token = TokenField().Match(html);
        Assert.True(token.Success, $"{url} has no anti-forgery token");
        return new IssuedForm(cookie[(cookieName.Length + 1)..], WebUtility.HtmlDecode(token.Groups[1].Value));
    }

    /// <summary>POSTs <paramref name="fields"/> with <paramref name="form"/>'s token, its cookie sent under <paramref name="cookieName"/>.</summary>
    public Task<HttpResponseMessage> PostFormAsync(string url, IssuedForm form, string cookieName, IDictionary<string, string> fields)
    {
        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = form.Token };
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(body) };
        request.Headers.Add("Cookie", cookieName + "=" + form.CookieValue);
        return SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string url) => SendAsync(new HttpRequestMessage(HttpMethod.Get, url));

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            request.Headers.Add("X-Forwarded-For", clientAddress);
            return await _http.SendAsync(request);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
