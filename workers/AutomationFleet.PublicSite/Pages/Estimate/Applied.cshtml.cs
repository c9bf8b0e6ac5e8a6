using AutomationFleet.Core.PublicStatus;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.PublicSite.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AutomationFleet.PublicSite.Pages.Estimate;

/// <summary>The confirmation of an application, with its reference, by its time-limited link.</summary>
public sealed class AppliedModel(IPublicStatusStore store, ResultLinks links) : PageModel
{
    public string Reference { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(string link, CancellationToken cancellationToken)
    {
        if (links.Read(link) is not { } itemId || await store.GetItemAsync(itemId, cancellationToken) is not { } item)
        {
            return NotFound();
        }

        Reference = ShortReference.For(item);
        return Page();
    }
}
