using AutomationFleet.Core.Retention;
using AutomationFleet.Core.Users;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Portal.Pages.Admin;

/// <summary>
/// The retention policies in force (<c>Retention</c>, from <c>config/retention.json</c>), read-only, each with its last
/// purge as the security audit recorded it (the <c>retention-purge</c> schedule's counts). Changing a policy is a
/// configuration change, reviewed like any other, not a button.
/// </summary>
public sealed class RetentionModel(IOptions<RetentionOptions> options, IUserStore audit) : PageModel
{
    public RetentionOptions Options { get; } = options.Value;

    public IReadOnlyList<(RetentionPolicy Policy, SecurityAuditEntry? LastPurge)> Policies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var rows = new List<(RetentionPolicy, SecurityAuditEntry?)>();
        foreach (var policy in Options.Policies)
        {
            var last = await audit.ListSecurityEventsAsync(RetentionRules.TargetOf(policy.Name), 1, cancellationToken);
            rows.Add((policy, last.Count == 0 ? null : last[0]));
        }

        Policies = rows;
    }
}
