using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AutomationFleet.Portal.Pages;

public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => Redirect("/review");
}
