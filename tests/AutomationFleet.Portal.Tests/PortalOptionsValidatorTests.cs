using AutomationFleet.Core.Users;
using AutomationFleet.Portal.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Portal.Tests;

public sealed class PortalOptionsValidatorTests
{
    private const string Section = "Portal:OpenIdConnect:";

    [Fact]
    public void Validate_DirectoryDisabledWithNothingSet_Succeeds()
    {
        var result = new PortalOptionsValidator().Validate(null, new PortalOptions());

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_EveryBadSignInSetting_ReportedAtOnceNamingEach()
    {
        var options = new PortalOptions
        {
            AbsoluteSessionLifetime = TimeSpan.Zero,
            HstsMaxAge = TimeSpan.FromSeconds(-1),
            KnownProxies = ["10.0.0.300"],
            KnownNetworks = ["10.20.0.0/33"],
            MetricsScrapeToken = "short",
            DataProtection = { KeysPath = "/var/lib/fleet/keys" },
            Passwords = { BreachedListPath = "/nowhere/breached.txt" },
        };

        var failures = new PortalOptionsValidator().Validate(null, options).Failures!.ToList();

        foreach (var setting in new[]
        {
            "Portal:AbsoluteSessionLifetime", "Portal:HstsMaxAge", "Portal:KnownProxies", "Portal:KnownNetworks", "Portal:MetricsScrapeToken",
            "Portal:DataProtection:CertificatePath is required", "Portal:Passwords:BreachedListPath",
        })
        {
            Assert.Contains(failures, f => f.StartsWith(setting, StringComparison.Ordinal));
        }

        Assert.Equal(7, failures.Count);
    }

    [Fact]
    public void Validate_DirectoryEnabledWithNothingSet_NamesEveryMissingSetting()
    {
        var options = new PortalOptions { OpenIdConnect = { Enabled = true, DisplayName = " ", UserClaim = "" } };

        var result = new PortalOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        foreach (var setting in new[] { "Authority", "ClientId", "ClientSecret", "DisplayName", "UserClaim" })
        {
            Assert.Contains(result.Failures!, f => f.StartsWith(Section + setting + " is required", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("http://login.council.example", true, "must be https")]
    [InlineData("login.council.example", true, "is not an https URL")]
    [InlineData("https://login.council.example/?tenant=1", true, "is not an https URL")]
    [InlineData("ftp://login.council.example", false, "is not an https URL")]
    public void Validate_BadAuthority_NamesAuthority(string authority, bool requireHttps, string expected)
    {
        var options = Complete();
        options.OpenIdConnect.Authority = authority;
        options.OpenIdConnect.RequireHttpsMetadata = requireHttps;

        var result = new PortalOptionsValidator().Validate(null, options);

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith(Section + "Authority", failure, StringComparison.Ordinal);
        Assert.Contains(expected, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HttpAuthorityWithHttpsNotRequired_Succeeds()
    {
        var options = Complete();
        options.OpenIdConnect.Authority = "http://localhost:5999";
        options.OpenIdConnect.RequireHttpsMetadata = false;

        Assert.True(new PortalOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_ScopeWithQuote_NamesScopes()
    {
        var options = Complete();
        options.OpenIdConnect.Scopes = "openid pro\"file";

        var failure = Assert.Single(new PortalOptionsValidator().Validate(null, options).Failures!);

        Assert.StartsWith(Section + "Scopes has 'pro\"file'", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void ScopeList_WithoutOpenId_OpenIdFirstNoRepeats()
    {
        var options = new PortalOpenIdConnectOptions { Scopes = " profile email profile " };

        Assert.Equal(["openid", "profile", "email"], options.ScopeList());
    }

    [Fact]
    public void Build_DirectoryEnabledWithoutAuthority_StopsNamingTheSettings()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Portal:Urls"] = "http://127.0.0.1:0",
            ["Portal:OpenIdConnect:Enabled"] = "true",
            ["Portal:OpenIdConnect:ClientId"] = "fleet-portal",
        }).Build();

        var error = Assert.Throws<OptionsValidationException>(() => PortalWebApplication.Build(configuration, shared =>
        {
            shared.AddSingleton<IUserStore>(_ => throw new InvalidOperationException("not needed"));
            shared.AddSingleton(TimeProvider.System);
        }));

        Assert.Contains(Section + "Authority is required", error.Message, StringComparison.Ordinal);
        Assert.Contains(Section + "ClientSecret is required", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Section + "ClientId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_CertificateWithWrongPasswordAndAnotherBadSetting_StopsNamingBoth()
    {
        // Once a throw at registration (alone, before the other settings were looked at); now a failure beside the others.
        var root = Directory.CreateTempSubdirectory("fleet-portal-keys-").FullName;
        try
        {
            var settings = Security.DataProtectionTests.KeySettings(root);
            settings["Portal:DataProtection:CertificatePassword"] = "not-the-password";
            settings["Portal:Urls"] = "http://127.0.0.1:0";
            settings["Portal:HstsMaxAge"] = "-00:00:01";
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

            var error = Assert.Throws<OptionsValidationException>(() => PortalWebApplication.Build(configuration, shared =>
            {
                shared.AddSingleton<IUserStore>(_ => throw new InvalidOperationException("not needed"));
                shared.AddSingleton(TimeProvider.System);
            }));

            Assert.Contains(error.Failures, f => f.StartsWith("Portal:DataProtection:CertificatePath", StringComparison.Ordinal)
                && f.Contains("CertificatePassword", StringComparison.Ordinal));
            Assert.Contains(error.Failures, f => f.StartsWith("Portal:HstsMaxAge", StringComparison.Ordinal));
            Assert.False(Directory.Exists(settings["Portal:DataProtection:KeysPath"]));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static PortalOptions Complete() => new()
    {
        OpenIdConnect =
        {
            Enabled = true,
            Authority = "https://login.council.example",
            ClientId = "fleet-portal",
            ClientSecret = "secret",
        },
    };
}
