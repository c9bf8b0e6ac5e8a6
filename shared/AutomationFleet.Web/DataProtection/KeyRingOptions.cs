namespace AutomationFleet.Web.DataProtection;

/// <summary>
/// Where a web app's ASP.NET Core Data Protection keys (the ones that sign and encrypt its cookies, anti-forgery tokens
/// and links) live and how they are protected at rest: the <c>DataProtection</c> section under the app's own section
/// (<c>Portal:DataProtection</c>, <c>PublicSite:DataProtection</c>). Unset <see cref="KeysPath"/>: the keys live in the
/// process's memory only, so a restart invalidates everything the app signed and two processes of the app do not accept
/// each other's cookies. Set it (and a certificate) to keep them across restarts and share them between processes.
/// </summary>
public sealed class KeyRingOptions
{
    /// <summary>The sub-section's name under each app's own section.</summary>
    public const string SectionName = "DataProtection";

    /// <summary>
    /// The folder of the key ring (XML files), shared by every process of the same app and by no other app; made
    /// owner-only (0700 on Unix). Every process that shares it must also have the certificate.
    /// </summary>
    public string? KeysPath { get; set; }

    /// <summary>
    /// A PKCS#12 (.pfx/.p12) file with a certificate and its RSA private key that encrypts the keys at rest (required with
    /// <see cref="KeysPath"/>). Keep it out of the keys folder and back it up: without it the keys cannot be read.
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The certificate file's password, if any; set it from the environment (e.g. <c>FLEET_Portal__DataProtection__CertificatePassword</c>).</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Whether the ring is persisted (a keys folder and a certificate are both set), rather than kept in memory.</summary>
    public bool IsPersisted => !string.IsNullOrWhiteSpace(KeysPath) && !string.IsNullOrWhiteSpace(CertificatePath);
}
