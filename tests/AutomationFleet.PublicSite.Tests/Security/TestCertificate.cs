using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AutomationFleet.PublicSite.Tests.Security;

/// <summary>A self-signed RSA certificate made at test time (never a committed one), written as a .pfx with a password.</summary>
internal static class TestCertificate
{
    public const string Password = "test-pfx-password-7d19";

    /// <summary>Writes a new .pfx at <paramref name="path"/> (replacing any) and returns the path.</summary>
    public static string Write(string path)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=AutomationFleet public site keys (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }

    /// <summary>The <c>{section}:DataProtection</c> settings for a keys folder and a certificate.</summary>
    public static Dictionary<string, string?> KeyRingSettings(string section, string keysPath, string certificatePath, string password = Password) => new()
    {
        [$"{section}:DataProtection:KeysPath"] = keysPath,
        [$"{section}:DataProtection:CertificatePath"] = certificatePath,
        [$"{section}:DataProtection:CertificatePassword"] = password,
    };
}
