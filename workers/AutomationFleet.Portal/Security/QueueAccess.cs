using System.Security.Claims;
using AutomationFleet.Core.Users;

namespace AutomationFleet.Portal.Security;

/// <summary>
/// The server-side check of what a signed-in person may see: reviewers the items of their granted queues and services,
/// supervisors and administrators everything. Read from the store on every request, so a grant or a disable takes effect at once.
/// </summary>
public sealed class QueueAccess(IUserStore users)
{
    /// <summary>The caller's scope, or null if the account no longer exists or is disabled.</summary>
    public async Task<ReviewerScope?> ScopeAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.Name is not { Length: > 0 } name)
        {
            return null;
        }

        var account = await users.FindUserAsync(name, cancellationToken);
        if (account is null || account.Disabled)
        {
            return null;
        }

        return account.Role == UserRole.Reviewer
            ? new ReviewerScope(account.Name, account.Role, account.Queues, account.Services)
            : new ReviewerScope(account.Name, account.Role, null, null);
    }
}
