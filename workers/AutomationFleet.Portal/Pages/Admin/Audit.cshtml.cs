using AutomationFleet.Core.Audit;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Portal.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Logging;

namespace AutomationFleet.Portal.Pages.Admin;

/// <summary>
/// An item by its exact reference or its short reference (<c>AF-000123</c>): its state and audit trail, never its payload or documents (those are on the review
/// item page, which audits each view), and a Cancel form with a reason while the item may be cancelled (Core's
/// <see cref="WorkItemStateMachine.Cancel"/> decides; the store audits the change in the item's trail and the security
/// audit).
/// </summary>
public sealed class AuditModel(IWorkQueue queue, SecurityAudit audit, ILogger<AuditModel> logger) : PageModel
{
    public string? Reference { get; private set; }

    public WorkItem? Item { get; private set; }

    public IReadOnlyList<AuditEntry> Trail { get; private set; } = [];

    public string? Error { get; private set; }

    [TempData]
    public string? Message { get; set; }

    /// <summary>Whether to offer Cancel: not finished (a held item is offered too; the store then says who holds it).</summary>
    public bool Cancellable => Item is { } item && WorkItemTransitions.IsAllowed(item.State, WorkItemState.Cancelled);

    public async Task OnGetAsync(string? reference, CancellationToken cancellationToken) => await LoadAsync(reference, cancellationToken);

    public async Task<IActionResult> OnPostCancelAsync(string? reference, string? reason, CancellationToken cancellationToken)
    {
        await LoadAsync(reference, cancellationToken);
        if (Item is null)
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity, "Give a reason: it is kept in the item's audit trail.");
        }

        try
        {
            await queue.CancelAsync(Item.Reference, Actors.Administrator(User.Identity?.Name ?? "unknown"), reason.Trim(), cancellationToken);
        }
        catch (Exception exception) when (exception is InvalidStateTransitionException or WorkItemHeldException)
        {
            return Refuse(StatusCodes.Status409Conflict, exception.Message);
        }

        logger.LogInformation("Item {Reference} cancelled from the admin console", Item.Reference);
        Message = $"Item {Item.Reference} cancelled; its payload, documents and trail are kept.";
        return Redirect("/admin/audit?reference=" + Uri.EscapeDataString(Item.Reference));
    }

    private PageResult Refuse(int status, string error)
    {
        Error = error;
        Response.StatusCode = status;
        return Page();
    }

    private async Task LoadAsync(string? reference, CancellationToken cancellationToken)
    {
        Reference = string.IsNullOrWhiteSpace(reference) ? null : reference.Trim();
        if (Reference is null)
        {
            return;
        }

        Item = await queue.FindAsync(Reference, cancellationToken);
        if (Item is null && ShortReference.TryParse(Reference, out var id))
        {
            // A short reference (AF-000123) is the store id; the trail names the full reference.
            var trail = await queue.GetAuditTrailAsync(id, cancellationToken);
            Item = trail.Count == 0 ? null : await queue.FindAsync(trail[0].Reference, cancellationToken);
        }

        if (Item is not null)
        {
            Trail = await queue.GetAuditTrailAsync(Item.Id, cancellationToken);
        }

        // Who looked at which item's trail is itself audited; the reference is what was searched for.
        await audit.WriteAsync(
            User.Identity?.Name ?? "unknown", AuditActions.AuditSearched, Reference, Item is null ? "no such item" : "trail shown", cancellationToken);
    }
}
