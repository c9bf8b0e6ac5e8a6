using AutomationFleet.PublicSite.Security;
using AutomationFleet.PublicSite.Status;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AutomationFleet.PublicSite.Pages.Status;

/// <summary>The case a look-up found, by its time-limited link; an expired or forged link is a plain 404.</summary>
public sealed class ResultModel(StatusLookup lookup, ResultLinks links) : PageModel
{
    public CaseStatusView Case { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string link, CancellationToken cancellationToken)
    {
        if (links.Read(link) is not { } itemId || await lookup.ViewAsync(itemId, cancellationToken) is not { } view)
        {
            return NotFound();
        }

        Case = view;
        return Page();
    }
}
