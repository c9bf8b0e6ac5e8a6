using AutomationFleet.Core.Audit;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Portal.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AutomationFleet.Portal.Pages.Admin;

/// <summary>Dead-lettered items, newest first as the store lists them, with a replay button each (anti-forgery checked).</summary>
public sealed class DeadLettersModel(IWorkQueue queue, SecurityAudit audit) : PageModel
{
    public const int Limit = 200;

    public IReadOnlyList<WorkItem> Items { get; private set; } = [];

    public string? Queue { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(string? queueName, CancellationToken cancellationToken)
    {
        Queue = string.IsNullOrWhiteSpace(queueName) ? null : queueName.Trim();
        Items = await queue.ListAsync(WorkItemState.DeadLettered, Queue, Limit, cancellationToken);
    }

    public async Task<IActionResult> OnPostReplayAsync(string reference, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            return BadRequest();
        }

        try
        {
            await queue.ReplayAsync(reference, Actors.Administrator(User.Identity?.Name ?? "unknown"), "replayed from the admin console", cancellationToken);
            await audit.WriteAsync(User.Identity?.Name ?? "unknown", AuditActions.DeadLetterReplayed, reference, "replayed from the admin console", cancellationToken);
            Message = $"Item {reference} replayed: back to New with its attempts reset.";
        }
        catch (WorkItemNotFoundException)
        {
            return NotFound();
        }
        catch (InvalidStateTransitionException)
        {
            Message = $"Item {reference} is no longer dead-lettered.";
        }

        return RedirectToPage();
    }
}
