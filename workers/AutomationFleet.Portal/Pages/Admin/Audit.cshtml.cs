using AutomationFleet.Core.Audit;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Portal.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AutomationFleet.Portal.Pages.Admin;

/// <summary>
/// An item's audit trail by its exact reference. Shows the item's state and trail only, never its payload or
/// documents (those are on the review item page, which audits each view).
/// </summary>
public sealed class AuditModel(IWorkQueue queue, SecurityAudit audit) : PageModel
{
    public string? Reference { get; private set; }

    public WorkItem? Item { get; private set; }

    public IReadOnlyList<AuditEntry> Trail { get; private set; } = [];

    public async Task OnGetAsync(string? reference, CancellationToken cancellationToken)
    {
        Reference = string.IsNullOrWhiteSpace(reference) ? null : reference.Trim();
        if (Reference is null)
        {
            return;
        }

        Item = await queue.FindAsync(Reference, cancellationToken);
        if (Item is not null)
        {
            Trail = await queue.GetAuditTrailAsync(Item.Id, cancellationToken);
        }

        // Who looked at which item's trail is itself audited; the reference is what was searched for.
        await audit.WriteAsync(
            User.Identity?.Name ?? "unknown", AuditActions.AuditSearched, Reference, Item is null ? "no such item" : "trail shown", cancellationToken);
    }
}
