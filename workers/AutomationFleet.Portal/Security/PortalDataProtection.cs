using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AutomationFleet.Portal.Security;

/// <summary>
/// The Data Protection key ring behind the session and anti-forgery cookies (<see cref="PortalDataProtectionOptions"/>).
/// With a keys folder: the keys are XML files there, encrypted at rest with a certificate, under one application name,
/// so a restarted portal and every other portal process reading the same folder accept the same cookies. Without one:
/// keys in memory only (a restart ends every session), rather than the framework's default of unencrypted keys in the
/// service account's home folder.
/// </summary>
/// <remarks>
/// Why a certificate and not a key-encryption key in an environment variable: a council's IT already issues, stores
/// and backs up certificates (.pfx) for its servers and knows how to hand one to several machines, and the framework
/// then does the encryption itself (<c>EncryptedXml</c>, AES-256 under the certificate's RSA key) — no cryptography of
/// ours to get wrong. The certificate's expiry does not matter here; it is only a key pair.
/// </remarks>
public static class PortalDataProtection
{
    /// <summary>One name for every portal process, so they derive the same purposes from the shared keys.</summary>
    public const string ApplicationName = "AutomationFleet.Portal";

    /// <summary>
    /// Registers Data Protection from <c>Portal:DataProtection</c>. A missing or inconsistent setting registers the
    /// in-memory ring and leaves the error to <see cref="PortalOptionsValidator"/>, which stops start-up naming it.
    /// </summary>
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(PortalOptions.SectionName).GetSection(PortalDataProtectionOptions.SectionName)
            .Get<PortalDataProtectionOptions>() ?? new PortalDataProtectionOptions();
        var builder = services.AddDataProtection().SetApplicationName(ApplicationName);
        if (string.IsNullOrWhiteSpace(settings.KeysPath) || string.IsNullOrWhiteSpace(settings.CertificatePath) || !File.Exists(settings.CertificatePath))
        {
            builder.UseEphemeralDataProtectionProvider();
            return;
        }

        var certificate = LoadCertificate(settings);
        builder.PersistKeysToFileSystem(OwnerOnlyFolder(settings.KeysPath))
            .ProtectKeysWithCertificate(certificate)
            .UnprotectKeysWithAnyCertificate(certificate);
    }

    /// <summary>The keys folder, made if missing, readable by the service account only (0700 on Unix).</summary>
    internal static DirectoryInfo OwnerOnlyFolder(string path)
    {
        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        if (OperatingSystem.IsWindows())
        {
            // NTFS folders inherit their parent's ACL: put the folder under one only the service account may read.
            return Directory.CreateDirectory(path);
        }

        var folder = Directory.CreateDirectory(path, OwnerOnly);
        if (File.GetUnixFileMode(folder.FullName) != OwnerOnly)
        {
            // An existing folder made wider by hand is narrowed again.
            File.SetUnixFileMode(folder.FullName, OwnerOnly);
        }

        return folder;
    }

    private static X509Certificate2 LoadCertificate(PortalDataProtectionOptions settings)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(settings.CertificatePath!, settings.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException exception)
        {
            throw new InvalidOperationException(
                $"{PortalOptions.SectionName}:{PortalDataProtectionOptions.SectionName}:{nameof(PortalDataProtectionOptions.CertificatePath)} '{settings.CertificatePath}' "
                + $"could not be opened as a PKCS#12 file: check {nameof(PortalDataProtectionOptions.CertificatePassword)} ({exception.Message}).",
                exception);
        }

        if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is null)
        {
            throw new InvalidOperationException(
                $"{PortalOptions.SectionName}:{PortalDataProtectionOptions.SectionName}:{nameof(PortalDataProtectionOptions.CertificatePath)} '{settings.CertificatePath}' "
                + "has no RSA private key; the keys are encrypted to an RSA certificate and need its private key to be read back.");
        }

        return certificate;
    }
}
