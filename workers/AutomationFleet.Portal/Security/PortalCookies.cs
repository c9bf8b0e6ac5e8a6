using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace AutomationFleet.Portal.Security;

/// <summary>
/// The portal's two cookies: the session and the anti-forgery token. Both <c>__Host-</c> (the browser takes them only
/// with <c>Secure</c>, path <c>/</c> and no <c>Domain</c>, so a sibling host or plain-http page cannot plant or read
/// them), always <c>Secure</c>, <c>HttpOnly</c>, <c>SameSite=Strict</c>.
/// </summary>
public static class PortalCookies
{
    public const string SessionCookieName = "__Host-fleet.portal";

    public const string AntiforgeryCookieName = "__Host-fleet.antiforgery";

    public static void ConfigureSession(CookieAuthenticationOptions cookie)
    {
        ArgumentNullException.ThrowIfNull(cookie);
        cookie.Cookie.Name = SessionCookieName;
        cookie.Cookie.Path = "/";
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Strict;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
    }

    public static void ConfigureAntiforgery(AntiforgeryOptions antiforgery)
    {
        ArgumentNullException.ThrowIfNull(antiforgery);
        antiforgery.Cookie = new AlwaysSecureCookieBuilder
        {
            Name = AntiforgeryCookieName,
            Path = "/",
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Strict,
        };
    }

    /// <summary>
    /// Writes <c>Secure</c> on every cookie it builds while its policy says "same as request". The anti-forgery system
    /// refuses to run at all on a plain-http request when the policy is <see cref="CookieSecurePolicy.Always"/>, which
    /// would break the embedded default (http on 127.0.0.1, a secure context to browsers, which keep Secure cookies
    /// there). With this builder the attribute is still always sent: over plain http to any other host the browser
    /// drops the cookie, and the form post fails closed (400).
    /// </summary>
    private sealed class AlwaysSecureCookieBuilder : CookieBuilder
    {
        public AlwaysSecureCookieBuilder() => SecurePolicy = CookieSecurePolicy.SameAsRequest;

        public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
        {
            var options = base.Build(context, expiresFrom);
            options.Secure = true;
            return options;
        }
    }
}
