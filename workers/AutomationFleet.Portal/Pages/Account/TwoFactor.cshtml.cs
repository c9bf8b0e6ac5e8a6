using AutomationFleet.Core.Users;
using AutomationFleet.Portal.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AutomationFleet.Portal.Pages.Account;

/// <summary>
/// Enrolment in two-factor sign-in: a new secret (shown as text and as an <c>otpauth://</c> URI), confirmed by a code
/// from the app, then ten one-time recovery codes shown once (only their hashes are kept). The secret travels between
/// the two requests in a hidden field protected by Data Protection for 10 minutes, not in the store, so nothing is
/// stored until the app has proved it holds it. Re-enrolling replaces the secret and the recovery codes.
/// </summary>
public sealed class TwoFactorModel(IUserStore users, IDataProtectionProvider protection, TotpSecretProtection totpSecrets, TimeProvider timeProvider) : PageModel
{
    private static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(10);

    public string Secret { get; private set; } = string.Empty;

    public string ProtectedSecret { get; private set; } = string.Empty;

    public string OtpAuthUri { get; private set; } = string.Empty;

    public QrCodeSvg? QrCode { get; private set; }

    public bool Enrolled { get; private set; }

    public string? Error { get; private set; }

    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Enrolled = (await users.FindUserAsync(User.Identity!.Name!, cancellationToken))?.HasTotp == true;
        Offer(TotpCodes.NewSecret());
    }

    public async Task<IActionResult> OnPostAsync(string? pending, string? code, CancellationToken cancellationToken)
    {
        var name = User.Identity!.Name!;
        string secret;
        try
        {
            secret = Protector().Unprotect(pending ?? string.Empty);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            Error = "That page was open too long. Add the new key below to your app and enter its code.";
            Offer(TotpCodes.NewSecret());
            return Page();
        }

        if (!TotpCodes.Verify(secret, code ?? string.Empty, timeProvider.GetUtcNow(), out var step))
        {
            Error = "That code does not match. Check the app shows the account for this key, and enter its current code.";
            Offer(secret);
            return Page();
        }

        var recoveryCodes = TotpCodes.NewRecoveryCodes();
        await users.EnrolTotpAsync(name, totpSecrets.ForStore(secret), recoveryCodes.Select(TotpCodes.HashRecoveryCode).ToList(), name, cancellationToken);

        // The code just used may not sign in again.
        await users.TryUseTotpStepAsync(name, step, cancellationToken);
        var account = await users.FindUserAsync(name, cancellationToken) ?? throw new UserNotFoundException(name);
        var signedInAt = PortalPrincipal.SignedInAt(User) ?? timeProvider.GetUtcNow();
        var method = User.FindFirst(PortalPrincipal.MethodClaim)?.Value ?? PortalPrincipal.PasswordMethod;
        await HttpContext.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            PortalPrincipal.For(account, method, signedInAt, PortalPrincipal.TotpFactor),
            new AuthenticationProperties { IsPersistent = false });
        RecoveryCodes = recoveryCodes;
        Enrolled = true;
        return Page();
    }

    private void Offer(string secret)
    {
        Secret = TotpCodes.Grouped(secret);
        OtpAuthUri = TotpCodes.OtpAuthUri(User.Identity!.Name!, secret);
        QrCode = QrCodeSvg.For(OtpAuthUri);
        ProtectedSecret = Protector().Protect(secret, PendingLifetime);
    }

    private ITimeLimitedDataProtector Protector() =>
        protection.CreateProtector("AutomationFleet.Portal.TwoFactor.PendingSecret", User.Identity!.Name!).ToTimeLimitedDataProtector();
}
