namespace AutomationFleet.Portal;

/// <summary>
/// The ASP.NET Core Data Protection keys that sign and encrypt the portal's cookies (section
/// <c>Portal:DataProtection</c>). Unset <see cref="KeysPath"/>: the keys live in the process's memory only, so a restart
/// ends every session and two portal processes do not accept each other's cookies. Set it (and a certificate) to keep
/// sessions across restarts and share them between portal processes.
/// </summary>
public sealed class PortalDataProtectionOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>
    /// The folder of the key ring (XML files), shared by every portal process; made owner-only (0700 on Unix). Every
    /// process that shares it must also have the certificate.
    /// </summary>
    public string? KeysPath { get; set; }

    /// <summary>
    /// A PKCS#12 (.pfx/.p12) file with a certificate and its private key that encrypts the keys at rest (required with
    /// <see cref="KeysPath"/>). Keep it out of the keys folder and back it up: without it the keys cannot be read.
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The certificate file's password, if any (from the environment: <c>FLEET_Portal__DataProtection__CertificatePassword</c>).</summary>
    public string? CertificatePassword { get; set; }
}
