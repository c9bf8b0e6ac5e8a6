using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace AutomationFleet.Portal.Security;

/// <summary>
/// The step between a right password and a session, for accounts enrolled in TOTP: a short-lived cookie of its own
/// scheme (<c>__Host-fleet.second-factor</c>, 5 minutes) names the account whose password was right and nothing more;
/// it opens no page but <see cref="CodePath"/>, which asks for the code and only then signs in the session cookie.
/// </summary>
public static class SecondFactorSignIn
{
    public const string Scheme = "second-factor";

    /// <summary>Where the code is asked for.</summary>
    public const string CodePath = "/sign-in/code";

    /// <summary>Where an account enrols (administrators without a second factor are sent here).</summary>
    public const string EnrolPath = "/account/two-factor";

    /// <summary>The pending step's lifetime: long enough to open an authenticator app.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public static void ConfigureCookie(CookieAuthenticationOptions cookie)
    {
        ArgumentNullException.ThrowIfNull(cookie);
        cookie.Cookie.Name = "__Host-fleet.second-factor";
        cookie.Cookie.Path = "/";
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Strict;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        cookie.ExpireTimeSpan = Lifetime;
        cookie.SlidingExpiration = false;
        cookie.LoginPath = "/sign-in";
    }
}
