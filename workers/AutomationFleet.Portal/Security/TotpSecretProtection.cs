using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Portal.Security;

/// <summary>
/// TOTP secrets at rest: encrypted with the portal's Data Protection key ring (<see cref="PortalDataProtection"/>) when
/// that ring is persisted (<c>Portal:DataProtection:KeysPath</c> and <c>CertificatePath</c>), so a copy of the store alone
/// does not give anyone an administrator's second factor. A stored secret protected here starts <c>dp1:</c>; one without
/// the prefix is a plain base32 secret from before (or from a portal without a persisted ring) and is protected at the
/// account's next code sign-in.
/// </summary>
/// <remarks>
/// With keys in memory only (no keys folder), secrets are stored plain: a restart would otherwise make every enrolled
/// secret unreadable and lock every administrator out. The README says so.
/// </remarks>
public sealed class TotpSecretProtection(IDataProtectionProvider provider, IOptions<PortalOptions> options)
{
    private const string Prefix = "dp1:";
    private readonly IDataProtector _protector = provider.CreateProtector("AutomationFleet.Portal.TotpSecret");

    /// <summary>Whether the key ring survives a restart, so secrets may be protected with it.</summary>
    public bool KeyRingPersisted =>
        options.Value.DataProtection is { KeysPath: { Length: > 0 }, CertificatePath: { Length: > 0 } };

    /// <summary>The form to store <paramref name="secret"/> in.</summary>
    public string ForStore(string secret) => KeyRingPersisted ? Prefix + _protector.Protect(secret) : secret;

    /// <summary>
    /// The base32 secret from its stored form. Throws <see cref="System.Security.Cryptography.CryptographicException"/>
    /// when it was protected with keys this portal does not have.
    /// </summary>
    public string Read(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return stored.StartsWith(Prefix, StringComparison.Ordinal) ? _protector.Unprotect(stored[Prefix.Length..]) : stored;
    }

    /// <summary>Whether a stored secret is still plain while it could be protected.</summary>
    public bool ShouldProtect(string stored) => KeyRingPersisted && !stored.StartsWith(Prefix, StringComparison.Ordinal);
}
