using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AutomationFleet.Core.Files;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace AutomationFleet.Web.DataProtection;

/// <summary>
/// A web app's Data Protection key ring (<see cref="KeyRingOptions"/>), the one implementation the staff portal and the
/// public site both use. With a keys folder: the keys are XML files there, encrypted at rest with a certificate, under
/// the app's own application name, so a restarted process and every other process of the same app reading the same
/// folder accept what it signed. Without one: keys in memory only, rather than the framework's default of unencrypted
/// keys in the service account's home folder.
/// </summary>
/// <remarks>
/// Why a certificate and not a key-encryption key in an environment variable: a council's IT already issues, stores and
/// backs up certificates (.pfx) for its servers and knows how to hand one to several machines, and the framework then
/// does the encryption itself (<c>EncryptedXml</c>, AES-256 under the certificate's RSA key) — no cryptography of ours
/// to get wrong. The certificate's expiry does not matter here; it is only a key pair.
/// The application name is what keeps two apps apart: the framework derives every purpose's keys from it, so even two
/// apps pointed at one folder with one certificate do not accept each other's tokens (each app should still have its own folder).
/// </remarks>
public static class KeyRing
{
    /// <summary>
    /// Registers Data Protection under <paramref name="applicationName"/> from <paramref name="settings"/>. A missing or
    /// inconsistent setting, or a certificate that does not open, registers the in-memory ring and leaves the error to
    /// <see cref="Validate"/>, which the app's options validator calls so that start-up stops naming the setting,
    /// together with the app's other errors.
    /// </summary>
    public static IDataProtectionBuilder AddKeyRing(this IServiceCollection services, string applicationName, KeyRingOptions? settings)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(applicationName);
        var builder = services.AddDataProtection().SetApplicationName(applicationName);
        if (settings is null || !settings.IsPersisted || !File.Exists(settings.CertificatePath)
            || TryLoadCertificate(settings.CertificatePath!, settings.CertificatePassword, out var certificate, out _) is false)
        {
            return builder.UseEphemeralDataProtectionProvider();
        }

        return builder.PersistKeysToFileSystem(OwnerOnly.CreateFolder(settings.KeysPath!))
            .ProtectKeysWithCertificate(certificate!)
            .UnprotectKeysWithAnyCertificate(certificate!);
    }

    /// <summary>
    /// Adds to <paramref name="failures"/> every problem with <paramref name="settings"/>, each naming the setting by its
    /// full path under <paramref name="section"/> (e.g. <c>PublicSite:DataProtection</c>): a keys folder without a
    /// certificate or the reverse, a certificate path that is not a file, a file that does not open with the password,
    /// a certificate without an RSA private key.
    /// </summary>
    public static void Validate(KeyRingOptions? settings, string section, ICollection<string> failures)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(section);
        ArgumentNullException.ThrowIfNull(failures);
        if (settings is null)
        {
            return;
        }

        var prefix = section + ":";
        var hasPath = !string.IsNullOrWhiteSpace(settings.KeysPath);
        var hasCertificate = !string.IsNullOrWhiteSpace(settings.CertificatePath);
        if (hasPath && !hasCertificate)
        {
            failures.Add($"{prefix}{nameof(settings.CertificatePath)} is required when {prefix}{nameof(settings.KeysPath)} is set: the keys are encrypted at rest with that certificate (a .pfx with its private key).");
        }
        else if (hasCertificate && !hasPath)
        {
            failures.Add($"{prefix}{nameof(settings.KeysPath)} is required when {prefix}{nameof(settings.CertificatePath)} is set (the folder the encrypted keys are kept in).");
        }

        if (!hasCertificate)
        {
            return;
        }

        if (!File.Exists(settings.CertificatePath))
        {
            failures.Add($"{prefix}{nameof(settings.CertificatePath)} is '{settings.CertificatePath}', which is not a file.");
        }
        else if (!TryLoadCertificate(settings.CertificatePath!, settings.CertificatePassword, out var certificate, out var why))
        {
            failures.Add($"{prefix}{nameof(settings.CertificatePath)} '{settings.CertificatePath}' {why}");
        }
        else
        {
            certificate!.Dispose();
        }
    }

    /// <summary>The certificate with its RSA private key, or false and why not (a sentence naming the password setting where it may be at fault).</summary>
    private static bool TryLoadCertificate(string path, string? password, out X509Certificate2? certificate, out string? why)
    {
        certificate = null;
        X509Certificate2 loaded;
        try
        {
            loaded = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException exception)
        {
            why = $"could not be opened as a PKCS#12 file: check {nameof(KeyRingOptions.CertificatePassword)} ({exception.Message}).";
            return false;
        }
        catch (IOException exception)
        {
            why = $"could not be read ({exception.Message}).";
            return false;
        }
        catch (UnauthorizedAccessException exception)
        {
            why = $"could not be read by this account ({exception.Message}).";
            return false;
        }

        using (var rsa = loaded.GetRSAPrivateKey())
        {
            if (rsa is null)
            {
                loaded.Dispose();
                why = "has no RSA private key; the keys are encrypted to an RSA certificate and need its private key to be read back.";
                return false;
            }
        }

        certificate = loaded;
        why = null;
        return true;
    }
}
