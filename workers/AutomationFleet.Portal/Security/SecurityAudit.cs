using AutomationFleet.Core.Users;
using Microsoft.AspNetCore.Http;

namespace AutomationFleet.Portal.Security;

/// <summary>Writes the portal's security events (sign-ins, failures, denials, item views) to the store's audit.</summary>
public sealed class SecurityAudit(IUserStore users)
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string SignOut = "sign-out";
    public const string Denied = "denied";
    public const string ItemView = "item-view";
    public const string DocumentView = "document-view";
    public const string Decision = "review-decision";

    public Task WriteAsync(string actor, string action, string target, string detail, CancellationToken cancellationToken) =>
        users.AppendSecurityEventAsync(new SecurityEvent(actor, action, target, detail), cancellationToken);

    /// <summary>A denial of the current request, naming the path (never the query, which may carry search text).</summary>
    public Task DeniedAsync(HttpContext context, string target, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        var actor = context.User.Identity?.Name ?? "anonymous";
        return WriteAsync(actor, Denied, target.Length > 0 ? target : context.Request.Path.Value ?? "/", detail, context.RequestAborted);
    }
}
