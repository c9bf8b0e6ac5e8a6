using System.Security.Claims;
using AutomationFleet.Core.Users;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace AutomationFleet.Portal.Security;

/// <summary>
/// The principal a session cookie carries, whichever way the person signed in: the account name, its role and how they
/// signed in. The account itself is re-read on every request (<c>OnValidatePrincipal</c>), so this is all it needs.
/// </summary>
public static class PortalPrincipal
{
    /// <summary>How the session was signed in: <see cref="PasswordMethod"/> or <see cref="DirectoryMethod"/>.</summary>
    public const string MethodClaim = "fleet:sign-in-method";

    public const string PasswordMethod = "password";

    public const string DirectoryMethod = "directory";

    /// <summary>The account's session stamp when the session began; the session ends once the account's differs.</summary>
    public const string SessionStampClaim = "fleet:session-stamp";

    /// <summary>When the session began (unix seconds), for the absolute lifetime; sliding renewals do not change it.</summary>
    public const string SignedInAtClaim = "fleet:signed-in-at";

    /// <summary>
    /// The second factor the session was signed in with: <see cref="TotpFactor"/> (a code from the account's
    /// authenticator) or <see cref="DirectoryFactor"/> (the directory's own sign-in); absent for a password alone.
    /// Administrator pages need one.
    /// </summary>
    public const string SecondFactorClaim = "fleet:second-factor";

    public const string TotpFactor = "totp";

    public const string DirectoryFactor = "directory";

    public static ClaimsPrincipal For(UserAccount account, string method, DateTimeOffset signedInAt, string? secondFactor = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, account.Name),
                new Claim(ClaimTypes.Role, PortalRoles.NameOf(account.Role)),
                new Claim(MethodClaim, method),
                new Claim(SessionStampClaim, account.SessionStamp),
                new Claim(SignedInAtClaim, signedInAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme);
        if (secondFactor is not null)
        {
            identity.AddClaim(new Claim(SecondFactorClaim, secondFactor));
        }

        return new ClaimsPrincipal(identity);
    }

    /// <summary>Whether the session was signed in with a second factor.</summary>
    public static bool HasSecondFactor(ClaimsPrincipal principal) => principal?.FindFirst(SecondFactorClaim) is not null;

    /// <summary>When the session began, or null if the cookie does not say (one issued before sessions were stamped).</summary>
    public static DateTimeOffset? SignedInAt(ClaimsPrincipal principal) =>
        long.TryParse(principal?.FindFirst(SignedInAtClaim)?.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
