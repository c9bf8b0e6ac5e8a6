using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace AutomationFleet.PublicSite.Security;

/// <summary>
/// The public site's only cookie: its anti-forgery token, under its own name and signed with its own key ring, so it is
/// nothing the staff portal would read. <c>__Host-</c>, <c>Secure</c>, <c>HttpOnly</c>, <c>SameSite=Strict</c>.
/// </summary>
internal static class PublicCookies
{
    public const string AntiforgeryCookieName = "__Host-fleet.public.antiforgery";

    public static void ConfigureAntiforgery(AntiforgeryOptions antiforgery)
    {
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
    /// Marks the cookie <c>Secure</c> even over plain http. The anti-forgery system refuses to run on plain http when the
    /// policy is "always", which would break the embedded default (http on 127.0.0.1, which browsers treat as secure and
    /// where they keep Secure cookies); elsewhere over plain http the browser drops the cookie and the form fails closed.
    /// (The portal does the same for its own cookie; the two apps share no code on purpose.)
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
