using System.Security.Claims;
using System.Security.Cryptography;
using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Users;
using AutomationFleet.Portal.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Portal.Pages;

/// <summary>
/// The second step of a password sign-in for an account enrolled in TOTP: a 6-digit code from the authenticator (±1
/// step; each step accepted once) or one of the account's one-time recovery codes. Wrong codes count towards the same
/// lock-out as wrong passwords, checked and counted in one store operation.
/// </summary>
public sealed class SignInCodeModel(
    IUserStore users,
    SecurityAudit audit,
    TotpSecretProtection totpSecrets,
    TimeProvider timeProvider,
    IOptions<PortalOptions> options,
    ILogger<SignInCodeModel> logger)
    : PageModel
{
    public string? Error { get; private set; }

    public string? ReturnUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? returnUrl)
    {
        ReturnUrl = returnUrl;
        return await PendingAccountAsync() is null ? Redirect("/sign-in") : Page();
    }

    public async Task<IActionResult> OnPostAsync(string? code, string? returnUrl, CancellationToken cancellationToken)
    {
        ReturnUrl = returnUrl;
        var name = await PendingAccountAsync();
        if (name is null)
        {
            return Redirect("/sign-in");
        }

        var settings = options.Value;
        var account = await users.FindUserAsync(name, cancellationToken);
        var attempt = account is null || account.Disabled || !account.HasTotp
            ? SignInAttempt.UnknownAccount
            : await users.BeginSignInAttemptAsync(account.Name, settings.MaxFailedSignIns, settings.LockoutDuration, cancellationToken);
        var (failure, factor) = attempt switch
        {
            SignInAttempt.UnknownAccount => ("account disabled or not enrolled", null),
            SignInAttempt.Locked => ("account locked", null),
            _ => await CheckCodeAsync(account!, code ?? string.Empty, cancellationToken),
        };
        if (failure is not null)
        {
            await audit.WriteAsync(account?.Name ?? name, AuditActions.SignInFailed, account?.Name ?? name, failure, cancellationToken);
            logger.LogInformation("Portal sign-in code refused: {Reason}", failure);
            Error = "That code was not accepted. Enter the current code from your authenticator app, or a recovery code.";
            return Page();
        }

        await HttpContext.SignOutAsync(SecondFactorSignIn.Scheme);
        await users.RecordSignInAsync(account!.Name, cancellationToken);
        await audit.WriteAsync(account.Name, AuditActions.SignIn, account.Name, "password+" + factor, cancellationToken);
        await HttpContext.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            PortalPrincipal.For(account, PortalPrincipal.PasswordMethod, timeProvider.GetUtcNow(), PortalPrincipal.TotpFactor),
            new AuthenticationProperties { IsPersistent = false });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/review");
    }

    private async Task<(string? Failure, string? Factor)> CheckCodeAsync(UserAccount account, string code, CancellationToken cancellationToken)
    {
        if (TotpCodes.IsRecoveryCode(code))
        {
            return await users.TryUseRecoveryCodeAsync(account.Name, TotpCodes.HashRecoveryCode(code), cancellationToken)
                ? (null, "recovery code")
                : ("wrong or used recovery code", null);
        }

        string secret;
        try
        {
            secret = totpSecrets.Read(account.TotpSecret!);
        }
        catch (CryptographicException)
        {
            // Protected with a key ring this portal does not have (another keys folder or certificate): a setting to fix,
            // not a wrong code; the account can still use a recovery code.
            logger.LogWarning("The TOTP secret of an account cannot be decrypted with this portal's Data Protection keys; check Portal:DataProtection");
            return ("totp secret unreadable with this portal's keys", null);
        }

        if (!TotpCodes.Verify(secret, code, timeProvider.GetUtcNow(), out var step))
        {
            return ("wrong code", null);
        }

        if (!await users.TryUseTotpStepAsync(account.Name, step, cancellationToken))
        {
            return ("code already used", null);
        }

        if (totpSecrets.ShouldProtect(account.TotpSecret!))
        {
            await users.ReplaceStoredTotpSecretAsync(account.Name, account.TotpSecret!, totpSecrets.ForStore(secret), cancellationToken);
        }

        return (null, "totp");
    }

    private async Task<string?> PendingAccountAsync()
    {
        var pending = await HttpContext.AuthenticateAsync(SecondFactorSignIn.Scheme);
        return pending.Succeeded ? pending.Principal?.FindFirst(ClaimTypes.Name)?.Value : null;
    }
}
