using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Users;
using AutomationFleet.Portal.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AutomationFleet.Portal.Pages;

/// <summary>Signing out ends every session of the account (a new session stamp), so a copied cookie stops working too.</summary>
public sealed class SignOutModel(SecurityAudit audit, IUserStore users) : PageModel
{
    public IActionResult OnGet() => Redirect("/review");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.Identity?.Name is { } name)
        {
            await audit.WriteAsync(name, AuditActions.SignOut, name, string.Empty, cancellationToken);
            try
            {
                await users.EndSessionsAsync(name, name, "sign-out", cancellationToken);
            }
            catch (UserNotFoundException)
            {
                // The account was removed meanwhile: its sessions end anyway at their next request.
            }
        }

        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/sign-in");
    }
}
