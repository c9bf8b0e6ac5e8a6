using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Users;
using Microsoft.AspNetCore.Http;

namespace AutomationFleet.Portal.Security;

/// <summary>Writes the portal's security events (sign-ins, failures, denials, item views) to the store's audit; action names are Core's <see cref="AuditActions"/>.</summary>
public sealed class SecurityAudit(IUserStore users)
{
    public Task WriteAsync(string actor, string action, string target, string detail, CancellationToken cancellationToken) =>
        users.AppendSecurityEventAsync(new SecurityEvent(actor, action, target, detail), cancellationToken);

    /// <summary>A denial of the current request, naming the path (never the query, which may carry search text).</summary>
    public Task DeniedAsync(HttpContext context, string target, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        var actor = context.User.Identity?.Name ?? "anonymous";
        return WriteAsync(actor, AuditActions.Denied, target.Length > 0 ? target : context.Request.Path.Value ?? "/", detail, context.RequestAborted);
    }
}
