using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AutomationFleet.Portal.Pages.Admin;

/// <summary>The administrators' landing page: links to the admin pages (the folder needs the administrator role).</summary>
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
