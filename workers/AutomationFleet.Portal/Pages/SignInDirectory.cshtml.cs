using AutomationFleet.Portal.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Portal.Pages;

/// <summary>
/// Starts a directory sign-in (a GET, so the CSP's <c>form-action 'self'</c> is not in the way): the handler redirects
/// to the directory with state, nonce and a PKCE challenge, and comes back to <see cref="DirectorySignIn.CallbackPath"/>.
/// Anyone may start one; it only ever signs the browser in as the directory's own user.
/// </summary>
public sealed class SignInDirectoryModel(IOptions<PortalOptions> options) : PageModel
{
    public IActionResult OnGet(string? returnUrl)
    {
        if (!options.Value.OpenIdConnect.Enabled)
        {
            return NotFound();
        }

        var properties = new AuthenticationProperties { RedirectUri = Url.IsLocalUrl(returnUrl) ? returnUrl : "/review" };
        return Challenge(properties, DirectorySignIn.Scheme);
    }
}
