using System.Security.Cryptography;
using System.Text;
using OtpNet;

namespace AutomationFleet.Portal.Security;

/// <summary>
/// Time-based one-time codes (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps, what every authenticator app reads from
/// an <c>otpauth://</c> URI) and the one-time recovery codes that stand in for a lost authenticator.
/// </summary>
public static class TotpCodes
{
    /// <summary>How many recovery codes an enrolment gives.</summary>
    public const int RecoveryCodeCount = 10;

    /// <summary>The issuer shown in authenticator apps.</summary>
    public const string Issuer = "AutomationFleet";

    // Steps either side of now that are accepted: a phone clock a little off, or a code typed as it turned over.
    private static readonly VerificationWindow Window = new(previous: 1, future: 1);

    /// <summary>A new random secret (160 bits, the RFC's recommendation for HMAC-SHA1), base32.</summary>
    public static string NewSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));

    /// <summary>The secret in groups of four, easier to type into an app by hand.</summary>
    public static string Grouped(string secret) =>
        string.Join(' ', Enumerable.Range(0, (secret.Length + 3) / 4).Select(i => secret.Substring(i * 4, Math.Min(4, secret.Length - (i * 4)))));

    /// <summary>The <c>otpauth://totp/</c> URI an authenticator app takes (Google Authenticator's key URI format).</summary>
    public static string OtpAuthUri(string account, string secret) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(account)}?secret={secret}&issuer={Uri.EscapeDataString(Issuer)}&algorithm=SHA1&digits=6&period=30";

    /// <summary>Whether <paramref name="code"/> is right at <paramref name="now"/> (±1 step); <paramref name="step"/> is the step it matched, for one-use.</summary>
    public static bool Verify(string secret, string code, DateTimeOffset now, out long step)
    {
        step = 0;
        var digits = new string((code ?? string.Empty).Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (digits.Length != 6 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        return new Totp(Base32Encoding.ToBytes(secret)).VerifyTotp(now.UtcDateTime, digits, out step, Window);
    }

    /// <summary>Whether the input looks like a recovery code rather than a 6-digit TOTP code.</summary>
    public static bool IsRecoveryCode(string code) => Normalise(code).Length > 6;

    /// <summary><see cref="RecoveryCodeCount"/> new recovery codes (50 random bits each, shown as xxxxx-xxxxx).</summary>
    public static IReadOnlyList<string> NewRecoveryCodes() =>
        Enumerable.Range(0, RecoveryCodeCount).Select(_ =>
        {
            var code = Base32Encoding.ToString(RandomNumberGenerator.GetBytes(5)).ToLowerInvariant();
            return code[..5] + "-" + code[5..8] + RandomDigits(2);
        }).ToList();

    /// <summary>
    /// The stored form of a recovery code: SHA-256 of the code without separators or case. A fast hash is enough for
    /// random codes of this strength (unlike passwords, there is no dictionary to try).
    /// </summary>
    public static string HashRecoveryCode(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalise(code))));

    private static string Normalise(string code) =>
        new((code ?? string.Empty).Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private static string RandomDigits(int count) =>
        string.Concat(Enumerable.Range(0, count).Select(_ => (char)('0' + RandomNumberGenerator.GetInt32(10))));
}
