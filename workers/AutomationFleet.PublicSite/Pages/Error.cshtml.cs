using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AutomationFleet.PublicSite.Pages;

/// <summary>The page for an error status (404, 400, 500, …), with no detail of what went wrong.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "Sorry, there is a problem with the service";

    public string Text { get; private set; } = "Try again later.";

    public void OnGet(int code) => Describe(code);

    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        (Heading, Text) = code switch
        {
            404 => ("Page not found", "If you typed the web address, check it is correct. A link to your case works for a few minutes only: look your case up again."),
            400 => ("Sorry, we could not use that form", "The form may have been open too long. Go back, refresh the page and try again."),
            _ => (Heading, Text),
        };
    }
}
