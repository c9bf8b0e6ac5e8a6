using System.Security.Claims;
using AutomationFleet.Core.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Portal.Security;

/// <summary>
/// The server-side check of a session cookie on every request (<c>OnValidatePrincipal</c>). The cookie alone proves
/// nothing after it is copied: the account is read from the store and the session ends when the account is gone or
/// disabled, its role changed, its session stamp changed (sign-out, an administrator's "end sessions") or the session
/// is older than <see cref="PortalOptions.AbsoluteSessionLifetime"/> however active it was.
/// </summary>
public static class PortalSessionValidator
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.HttpContext.RequestServices;
        var principal = context.Principal;
        var reason = principal is null ? "no principal" : await ProblemAsync(principal, services, context.HttpContext.RequestAborted);
        if (reason is not null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    /// <summary>Why the session must end, or null if it may go on.</summary>
    internal static async Task<string?> ProblemAsync(ClaimsPrincipal principal, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (principal.Identity?.Name is not { Length: > 0 } name)
        {
            return "no account name";
        }

        var account = await services.GetRequiredService<IUserStore>().FindUserAsync(name, cancellationToken);
        if (account is null || account.Disabled)
        {
            return "account gone or disabled";
        }

        if (!string.Equals(PortalRoles.NameOf(account.Role), principal.FindFirst(ClaimTypes.Role)?.Value, StringComparison.Ordinal))
        {
            return "role changed";
        }

        // Ordinal equality of a random stamp, not a secret compare: the stamp in a cookie is only readable by whoever
        // holds the cookie, and it is the cookie's data-protected payload, not something an attacker can probe.
        if (principal.FindFirst(PortalPrincipal.SessionStampClaim)?.Value is not { } stamp || !string.Equals(stamp, account.SessionStamp, StringComparison.Ordinal))
        {
            return "session ended";
        }

        var lifetime = services.GetRequiredService<IOptions<PortalOptions>>().Value.AbsoluteSessionLifetime;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        return PortalPrincipal.SignedInAt(principal) is not { } signedInAt || now - signedInAt >= lifetime
            ? "absolute lifetime passed"
            : null;
    }
}
