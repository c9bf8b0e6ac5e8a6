using System.Security.Claims;
using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Users;
using AutomationFleet.Portal.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Portal.Pages;

/// <summary>
/// Local-account sign-in: hashed passwords, lock-out after repeated failures, every attempt audited. When the directory
/// is enabled the page also links to <see cref="DirectorySignIn.ChallengePath"/>; accounts made for the directory only
/// have no password and are refused here.
/// </summary>
public sealed class SignInModel(
    IUserStore users, SecurityAudit audit, TimeProvider timeProvider, IOptions<PortalOptions> options, ILogger<SignInModel> logger)
    : PageModel
{
    private const string Refused = "Sign-in failed. Check the name and password; after repeated failures an account is locked for a while.";

    public string? Error { get; private set; }

    public string? Name { get; private set; }

    public string? ReturnUrl { get; private set; }

    /// <summary>The directory sign-in's settings when it is enabled, else null (no button).</summary>
    public PortalOpenIdConnectOptions? Directory => options.Value.OpenIdConnect is { Enabled: true } directory ? directory : null;

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? name, string? password, string? returnUrl, CancellationToken cancellationToken)
    {
        ReturnUrl = returnUrl;
        Name = name;
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrEmpty(password))
        {
            Error = "Enter your account name and password.";
            return Page();
        }

        name = name.Trim();
        var settings = options.Value;
        var account = await users.FindUserAsync(name, cancellationToken);
        var failure = account switch
        {
            null => "unknown account",
            { Disabled: true } => "account disabled",
            { IsExternalOnly: true } => "directory sign-in only",
            _ => null,
        };

        // The lock check and the count are one store operation, before the password is checked: parallel guesses
        // cannot all pass a check made before any of them is counted.
        var attempt = failure is null
            ? await users.BeginSignInAttemptAsync(account!.Name, settings.MaxFailedSignIns, settings.LockoutDuration, cancellationToken)
            : SignInAttempt.UnknownAccount;
        if (failure is null && attempt is SignInAttempt.Locked or SignInAttempt.UnknownAccount)
        {
            failure = attempt == SignInAttempt.Locked ? "account locked" : "unknown account";
        }

        // Checked (or a decoy checked) on every path, so the answer takes as long whatever the reason.
        var verdict = PortalPasswords.Verify(failure is null ? account : null, password);
        if (failure is null && verdict == PasswordVerificationResult.Failed)
        {
            failure = attempt == SignInAttempt.AllowedThenLocked ? $"wrong password; locked for {settings.LockoutDuration}" : "wrong password";
        }

        if (failure is not null)
        {
            // An unknown name is not written down: people type passwords into the name field.
            var who = account?.Name ?? "anonymous";
            await audit.WriteAsync(who, AuditActions.SignInFailed, account?.Name ?? string.Empty, failure, cancellationToken);
            logger.LogInformation("Portal sign-in refused: {Reason}", failure);
            Error = Refused;
            return Page();
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await users.SetPasswordHashAsync(account!.Name, PortalPasswords.Hash(password), account.Name, cancellationToken);
        }

        var next = Url.IsLocalUrl(returnUrl) ? returnUrl : "/review";
        if (account!.HasTotp)
        {
            // The password was right; the attempt stays counted until the code is right too (SignInCode).
            await HttpContext.SignInAsync(
                SecondFactorSignIn.Scheme,
                new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, account.Name)], SecondFactorSignIn.Scheme)),
                new AuthenticationProperties { IsPersistent = false });
            return LocalRedirect(SecondFactorSignIn.CodePath + "?returnUrl=" + Uri.EscapeDataString(next));
        }

        await users.RecordSignInAsync(account.Name, cancellationToken);
        await audit.WriteAsync(account.Name, AuditActions.SignIn, account.Name, "password", cancellationToken);
        await HttpContext.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            PortalPrincipal.For(account, PortalPrincipal.PasswordMethod, timeProvider.GetUtcNow()),
            new AuthenticationProperties { IsPersistent = false });

        // An administrator must have a second factor: without one, enrolment first (the admin pages refuse until then).
        return LocalRedirect(account.Role == UserRole.Administrator ? SecondFactorSignIn.EnrolPath : next);
    }
}
