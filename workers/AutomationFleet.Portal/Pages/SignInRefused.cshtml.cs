using AutomationFleet.Portal.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AutomationFleet.Portal.Pages;

/// <summary>Shown after a refused or failed directory sign-in (audited by <see cref="DirectorySignIn"/>).</summary>
public sealed class SignInRefusedModel : PageModel
{
    public string Why { get; private set; } = DirectorySignIn.RefusedFailed;

    public void OnGet(string? why)
    {
        Why = why == DirectorySignIn.RefusedAccount ? DirectorySignIn.RefusedAccount : DirectorySignIn.RefusedFailed;
        Response.StatusCode = Why == DirectorySignIn.RefusedAccount ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
    }
}
