using AutomationFleet.Core.Users;
using Microsoft.AspNetCore.Identity;

namespace AutomationFleet.Portal.Security;

/// <summary>
/// Hashes and checks passwords with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2, salted,
/// versioned format). The CLI uses it to make accounts; the sign-in page to check them.
/// </summary>
public static class PortalPasswords
{
    public const int MinimumLength = 12;

    private static readonly PasswordHasher<UserAccount> Hasher = new();

    // Verified against when the account does not exist, so an unknown name costs the same time as a wrong password.
    private static readonly string DecoyHash = Hasher.HashPassword(null!, "decoy-password-for-timing");

    /// <summary>Null if the password is acceptable, otherwise why not.</summary>
    public static string? Problem(string password) =>
        string.IsNullOrWhiteSpace(password) || password.Length < MinimumLength
            ? $"A password must have at least {MinimumLength} characters."
            : null;

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
