using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AutomationFleet.Portal.Security;
using AutomationFleet.Portal.Tests.EndToEnd;

namespace AutomationFleet.Portal.Tests.Security;

/// <summary>The cookie keys: kept in a configured owner-only folder, encrypted with a certificate, shared between portals.</summary>
[Trait("Category", "Integration")]
public sealed class DataProtectionTests
{
    private const string CertificatePassword = "test-pfx-password-41c2";

    [Fact]
    public async Task Restart_SameKeysFolder_SignedInCookieStillValid()
    {
        await using var portal = await SignInPortal.CreateAsync();
        var settings = KeySettings(portal.Root);
        var first = await portal.StartAsync(settings);
        using var http = new PortalHttp(first);
        await http.SignInAsync(SignInPortal.Reviewer, PortalFixture.Password);
        var cookie = http.SessionCookie!;

        await portal.StopAsync(first);
        var restarted = await portal.StartAsync(settings);

        using var replay = new PortalHttp(restarted);
        using var response = await replay.ReplayAsync("/review", cookie);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Restart_NoKeysFolder_SessionsEnd()
    {
        await using var portal = await SignInPortal.CreateAsync();
        var first = await portal.StartAsync();
        using var http = new PortalHttp(first);
        await http.SignInAsync(SignInPortal.Reviewer, PortalFixture.Password);
        var cookie = http.SessionCookie!;

        await portal.StopAsync(first);
        var restarted = await portal.StartAsync();

        using var replay = new PortalHttp(restarted);
        using var response = await replay.ReplayAsync("/review", cookie);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task TwoPortals_SharedKeysFolder_AcceptEachOthersCookies()
    {
        await using var portal = await SignInPortal.CreateAsync();
        var settings = KeySettings(portal.Root);
        var one = await portal.StartAsync(settings);
        var two = await portal.StartAsync(settings);
        using var onOne = new PortalHttp(one);
        using var onTwo = new PortalHttp(two);
        await onOne.SignInAsync(SignInPortal.Reviewer, PortalFixture.Password);
        await portal.Store.AddUserAsync("sam", PortalPasswords.Hash(PortalFixture.Password), Core.Users.UserRole.Reviewer, "test", CancellationToken.None);
        await onTwo.SignInAsync("sam", PortalFixture.Password);

        using var oneOnTwo = await onTwo.ReplayAsync("/review", onOne.SessionCookie!);
        using var twoOnOne = await onOne.ReplayAsync("/review", onTwo.SessionCookie!);

        Assert.Equal(HttpStatusCode.OK, oneOnTwo.StatusCode);
        Assert.Equal(HttpStatusCode.OK, twoOnOne.StatusCode);
    }

    [Fact]
    public async Task KeyFile_OnDisk_EncryptedAndFolderOwnerOnly()
    {
        await using var portal = await SignInPortal.CreateAsync();
        var settings = KeySettings(portal.Root);
        var baseUrl = await portal.StartAsync(settings);
        using var http = new PortalHttp(baseUrl);
        await http.SignInAsync(SignInPortal.Reviewer, PortalFixture.Password);

        var folder = settings["Portal:DataProtection:KeysPath"]!;
        var key = Assert.Single(Directory.GetFiles(folder, "key-*.xml"));
        var xml = await File.ReadAllTextAsync(key);

        // An unprotected key is <masterKey ...><value>BASE64</value></masterKey>; a protected one is EncryptedXml.
        Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
        Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
        Assert.Contains("X509Certificate", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        }
    }

    [Fact]
    public async Task Start_KeysFolderWithoutCertificate_RefusedNamingTheSetting()
    {
        await using var portal = await SignInPortal.CreateAsync();

        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
            await portal.StartAsync(new Dictionary<string, string?> { ["Portal:DataProtection:KeysPath"] = Path.Combine(portal.Root, "keys") }));

        Assert.Contains("Portal:DataProtection:CertificatePath is required", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A keys folder and a fresh self-signed RSA certificate (.pfx with a password) under <paramref name="root"/>.</summary>
    internal static Dictionary<string, string?> KeySettings(string root)
    {
        var pfx = Path.Combine(root, "portal-keys.pfx");
        if (!File.Exists(pfx))
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=AutomationFleet portal keys (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pfx, CertificatePassword));
        }

        return new Dictionary<string, string?>
        {
            ["Portal:DataProtection:KeysPath"] = Path.Combine(root, "keys"),
            ["Portal:DataProtection:CertificatePath"] = pfx,
            ["Portal:DataProtection:CertificatePassword"] = CertificatePassword,
        };
    }
}
