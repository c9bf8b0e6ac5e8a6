using AutomationFleet.Core.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AutomationFleet.Portal.Pages.Admin;

/// <summary>
/// The portal's accounts, with an "End sessions" button each: a new session stamp for the account, so every cookie it
/// holds (a copied one too) is refused at its next request. The store audits it (<c>sessions-ended</c>, actor
/// <c>admin:NAME</c>) in the same transaction. Accounts are added, disabled and granted with <c>fleet users</c>.
/// </summary>
public sealed class UsersModel(IUserStore users, TimeProvider timeProvider) : PageModel
{
    public IReadOnlyList<UserAccount> Accounts { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = timeProvider.GetUtcNow();
        Accounts = await users.ListUsersAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostEndSessionsAsync(string name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return BadRequest();
        }

        try
        {
            await users.EndSessionsAsync(name, "admin:" + (User.Identity?.Name ?? "unknown"), "ended by an administrator", cancellationToken);
        }
        catch (UserNotFoundException)
        {
            return NotFound();
        }

        Message = $"Every session of {name} has ended; they must sign in again.";
        return RedirectToPage();
    }
}
