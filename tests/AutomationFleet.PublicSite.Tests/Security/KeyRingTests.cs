using System.Net;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Portal.Security;
using AutomationFleet.Portal.Tests.EndToEnd;
using AutomationFleet.PublicSite.Security;
using AutomationFleet.PublicSite.Tests.EndToEnd;
using AutomationFleet.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;

namespace AutomationFleet.PublicSite.Tests.Security;

/// <summary>
/// The site's Data Protection key ring (<c>PublicSite:DataProtection</c>): with a keys folder and a certificate, a form
/// served by one site process is accepted by another and by the site after a restart; with keys in memory it is not;
/// and the staff portal's ring never accepts the site's tokens, nor the site the portal's, even on one folder and certificate.
/// Real sites (and a real portal) on loopback over the fixture's store, posting the real look-up form.
/// </summary>
[Collection(PublicSiteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class KeyRingTests(PublicSiteFixture fixture) : IAsyncLifetime
{
    private const string Cookie = PublicCookies.AntiforgeryCookieName;
    private readonly string _root = Directory.CreateTempSubdirectory("fleet-keyring-").FullName;
    private readonly List<WebApplication> _apps = [];

    private Dictionary<string, string> LookUp => new()
    {
        ["Reference"] = ShortReference.For(fixture.HandedOnItem),
        ["Postcode"] = PublicSiteFixture.HighwaysPostcode,
    };

    [Fact]
    public async Task StatusForm_TwoSitesSharingKeysFolderAndCertificate_TokenAndResultLinkCrossBetweenThem()
    {
        var settings = SiteKeyRing();
        var one = await StartSiteAsync(settings);
        var two = await StartSiteAsync(settings);
        using var client = new FormClient(fixture.NewClientAddress());

        var form = await client.GetFormAsync(one + "/status", Cookie);
        using var posted = await client.PostFormAsync(two + "/status", form, Cookie, LookUp);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var link = posted.Headers.Location!.OriginalString;
        Assert.StartsWith("/status/", link, StringComparison.Ordinal);
        // The result link the second sealed opens on the first.
        using var shown = await client.GetAsync(one + link);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Contains("Passed to", await shown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusForm_SiteRestartedOnSameKeysFolder_TokenFromBeforeAccepted()
    {
        var settings = SiteKeyRing();
        var before = await StartSiteAsync(settings);
        using var client = new FormClient(fixture.NewClientAddress());
        var form = await client.GetFormAsync(before + "/status", Cookie);
        await StopAsync(before);

        var after = await StartSiteAsync(settings);
        using var posted = await client.PostFormAsync(after + "/status", form, Cookie, LookUp);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Single(Directory.GetFiles(settings["PublicSite:DataProtection:KeysPath"]!, "key-*.xml"));
    }

    [Fact]
    public async Task StatusForm_TwoSitesWithKeysInMemory_TokenFromOneRefusedByTheOther()
    {
        var one = await StartSiteAsync([]);
        var two = await StartSiteAsync([]);
        using var client = new FormClient(fixture.NewClientAddress());
        var form = await client.GetFormAsync(one + "/status", Cookie);

        using var elsewhere = await client.PostFormAsync(two + "/status", form, Cookie, LookUp);
        using var home = await client.PostFormAsync(one + "/status", form, Cookie, LookUp);

        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        // The same form is good where it was served: the refusal is the other ring's, not the request's.
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }

    [Fact]
    public async Task Tokens_PortalAndSiteOnOneKeysFolderAndCertificate_NeitherAcceptsTheOthers()
    {
        // The worst misconfiguration: both apps pointed at one folder with one certificate. Only the application name
        // keeps them apart, and it must be enough.
        var keys = Path.Combine(_root, "one-folder");
        var certificate = TestCertificate.Write(Path.Combine(_root, "keys.pfx"));
        var portal = await StartPortalAsync(TestCertificate.KeyRingSettings("Portal", keys, certificate));
        using var client = new FormClient(fixture.NewClientAddress());
        var portalForm = await client.GetFormAsync(portal + "/sign-in", PortalCookies.AntiforgeryCookieName);
        var site = await StartSiteAsync(TestCertificate.KeyRingSettings("PublicSite", keys, certificate));
        var siteForm = await client.GetFormAsync(site + "/status", Cookie);
        // One key in the folder: the site signs with the very key the portal made.
        Assert.Single(Directory.GetFiles(keys, "key-*.xml"));

        using var portalTokenOnSite = await client.PostFormAsync(site + "/status", portalForm, Cookie, LookUp);
        using var siteTokenOnPortal = await client.PostFormAsync(portal + "/sign-in", siteForm, PortalCookies.AntiforgeryCookieName, SignIn);
        using var siteTokenOnSite = await client.PostFormAsync(site + "/status", siteForm, Cookie, LookUp);
        using var portalTokenOnPortal = await client.PostFormAsync(portal + "/sign-in", portalForm, PortalCookies.AntiforgeryCookieName, SignIn);

        Assert.Equal(HttpStatusCode.BadRequest, portalTokenOnSite.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, siteTokenOnPortal.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, siteTokenOnSite.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, portalTokenOnPortal.StatusCode);
    }

    [Fact]
    public async Task Start_KeysFolderWithoutCertificateAndAnotherBadSetting_RefusedNamingBoth()
    {
        var settings = new Dictionary<string, string?>
        {
            ["PublicSite:DataProtection:KeysPath"] = Path.Combine(_root, "keys"),
            ["PublicSite:OrganisationName"] = " ",
        };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartSiteAsync(settings));

        Assert.Contains(error.Failures, f => f.StartsWith("PublicSite:DataProtection:CertificatePath is required", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("PublicSite:OrganisationName", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(_root, "keys")));
    }

    [Fact]
    public async Task Start_CertificateWithWrongPassword_RefusedNamingCertificateAndPassword()
    {
        var certificate = TestCertificate.Write(Path.Combine(_root, "keys.pfx"));
        var settings = TestCertificate.KeyRingSettings("PublicSite", Path.Combine(_root, "keys"), certificate, password: "not-the-password");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartSiteAsync(settings));

        var failure = Assert.Single(error.Failures);
        Assert.StartsWith("PublicSite:DataProtection:CertificatePath", failure, StringComparison.Ordinal);
        Assert.Contains("CertificatePassword", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_CertificateFileNotPkcs12_RefusedNamingTheSetting()
    {
        var notACertificate = Path.Combine(_root, "keys.pfx");
        await File.WriteAllTextAsync(notACertificate, "-----BEGIN NOTHING-----");
        var settings = TestCertificate.KeyRingSettings("PublicSite", Path.Combine(_root, "keys"), notACertificate);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartSiteAsync(settings));

        Assert.Contains(error.Failures, f => f.StartsWith("PublicSite:DataProtection:CertificatePath", StringComparison.Ordinal)
            && f.Contains("could not be opened", StringComparison.Ordinal));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
    }

    private static Dictionary<string, string> SignIn => new() { ["name"] = "rita", ["password"] = PublicSiteFixture.StaffPassword };

    /// <summary>A keys folder of the site's own and a fresh certificate, under this test's temp folder.</summary>
    private Dictionary<string, string?> SiteKeyRing() =>
        TestCertificate.KeyRingSettings("PublicSite", Path.Combine(_root, "site-keys"), TestCertificate.Write(Path.Combine(_root, "site-keys.pfx")));

    private async Task<string> StartSiteAsync(Dictionary<string, string?> settings)
    {
        var app = await PublicSiteFixture.StartSiteAsync(fixture.Store, Blobs(), fixture.Time, fixture.Assessor, settings);
        _apps.Add(app);
        return PortalFixture.Address(app);
    }

    private async Task<string> StartPortalAsync(Dictionary<string, string?> settings)
    {
        var app = await PortalFixture.StartPortalAsync(fixture.Store, Blobs(), settings);
        _apps.Add(app);
        return PortalFixture.Address(app);
    }

    private async Task StopAsync(string baseUrl)
    {
        var app = _apps.Single(a => PortalFixture.Address(a) == baseUrl);
        _apps.Remove(app);
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private FileBlobStore Blobs() => new(Path.Combine(_root, "blobs"));
}
