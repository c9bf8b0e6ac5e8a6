using AutomationFleet.Core.Users;
using Microsoft.AspNetCore.Identity;

namespace AutomationFleet.Portal.Security;

/// <summary>
/// Hashes and checks passwords with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2 with
/// HMAC-SHA512, salted, versioned format) at <see cref="IterationCount"/> iterations, OWASP's figure for PBKDF2-HMAC-SHA512.
/// A hash made with fewer (the framework's default is 100,000) verifies as <see cref="PasswordVerificationResult.SuccessRehashNeeded"/>
/// and the sign-in page stores a new one. The CLI uses it to make accounts; the sign-in page to check them.
/// </summary>
public static class PortalPasswords
{
    public const int MinimumLength = 12;

    /// <summary>PBKDF2 iterations for new hashes (OWASP Password Storage Cheat Sheet: 210,000 for HMAC-SHA512).</summary>
    public const int IterationCount = 210_000;

    private static readonly PasswordHasher<UserAccount> Hasher = new(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions
    {
        CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
        IterationCount = IterationCount,
    }));

    // Verified against when the account does not exist, so an unknown name costs the same time as a wrong password.
    private static readonly string DecoyHash = Hasher.HashPassword(null!, "decoy-password-for-timing");

    /// <summary>Null if the password is acceptable as a new one (checked against the shipped breached list), otherwise why not.</summary>
    public static string? Problem(string password) => Problem(password, BreachedPasswordList.Shipped);

    /// <summary>Null if the password is acceptable as a new one, otherwise why not.</summary>
    public static string? Problem(string password, BreachedPasswordList breached)
    {
        ArgumentNullException.ThrowIfNull(breached);
        if (string.IsNullOrWhiteSpace(password) || password.Length < MinimumLength)
        {
            return $"A password must have at least {MinimumLength} characters.";
        }

        return breached.Contains(password)
            ? "That password is in a list of passwords known from breaches; choose another (a few unrelated words work well)."
            : null;
    }

    public static string Hash(string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        return Hasher.HashPassword(null!, password);
    }

    /// <summary>Checks a password; always fails for no account or an account without a password (directory only).</summary>
    public static PasswordVerificationResult Verify(UserAccount? account, string password) =>
        account is null || account.IsExternalOnly
            ? Decoy(password)
            : Hasher.VerifyHashedPassword(account, account.PasswordHash, password ?? string.Empty);

    private static PasswordVerificationResult Decoy(string password)
    {
        Hasher.VerifyHashedPassword(null!, DecoyHash, password ?? string.Empty);
        return PasswordVerificationResult.Failed;
    }
}
