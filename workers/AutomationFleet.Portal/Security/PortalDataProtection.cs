using AutomationFleet.Web.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AutomationFleet.Portal.Security;

/// <summary>
/// The portal's Data Protection key ring behind its session and anti-forgery cookies and TOTP secrets: the shared
/// <see cref="KeyRing"/> (one implementation with the public site's) from <c>Portal:DataProtection</c>, under the
/// portal's own application name.
/// </summary>
public static class PortalDataProtection
{
    /// <summary>One name for every portal process, so they derive the same purposes from the shared keys; never the public site's.</summary>
    public const string ApplicationName = "AutomationFleet.Portal";

    /// <summary>
    /// Registers the key ring from <c>Portal:DataProtection</c>. A missing or inconsistent setting registers the
    /// in-memory ring and leaves the error to <see cref="PortalOptionsValidator"/>, which stops start-up naming it.
    /// </summary>
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(PortalOptions.SectionName).GetSection(KeyRingOptions.SectionName).Get<KeyRingOptions>();
        services.AddKeyRing(ApplicationName, settings);
    }
}
