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

    public static ClaimsPrincipal For(UserAccount account, string method)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        return new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, account.Name),
                new Claim(ClaimTypes.Role, PortalRoles.NameOf(account.Role)),
                new Claim(MethodClaim, method),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme));
    }
}
