using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AutomationFleet.Portal.Pages;

/// <summary>The page shown for an error status; it keeps the status code (re-executed, not redirected).</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public string Title { get; private set; } = "Something went wrong";

    public string Message { get; private set; } = "";

    public void OnGet(int code) => Describe(code);

    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        (Title, Message) = code switch
        {
            400 => ("The request was refused", "The form was missing its security token or was not valid. Go back, reload the page and try again."),
            403 => ("Not allowed", "Your account may not open this page or item. The attempt has been recorded."),
            404 => ("Not found", "There is no such page or item."),
            _ => ("Something went wrong", "The portal could not complete the request. Try again; if it keeps happening tell the fleet's administrator."),
        };
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null && code is >= 400 and < 600)
        {
            Response.StatusCode = code;
        }
    }
}
