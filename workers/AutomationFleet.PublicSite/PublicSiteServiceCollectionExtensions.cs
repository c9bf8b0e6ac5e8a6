using System.Net;
using AutomationFleet.Core.Calendar;
using AutomationFleet.PublicSite.Estimate;
using AutomationFleet.PublicSite.Security;
using AutomationFleet.PublicSite.Status;
using AutomationFleet.Web.DataProtection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AutomationFleet.PublicSite;

/// <summary>Registers the public site's services in its own web application's container (the store's contracts must be there too).</summary>
public static class PublicSiteServiceCollectionExtensions
{
    /// <summary>The key ring's application name: the site's own, never the portal's, so nothing one signs the other accepts.</summary>
    public const string DataProtectionApplicationName = "AutomationFleet.PublicSite";

    /// <summary>
    /// Options (section <c>PublicSite</c>, validated at start), a Data Protection key ring of its own (persisted with
    /// <c>PublicSite:DataProtection</c>, else in memory), Razor Pages from this assembly only (never the portal's),
    /// anti-forgery under the site's own cookie name, no authentication at all, and the look-up and estimate services.
    /// </summary>
    public static IServiceCollection AddPublicSite(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PublicSiteOptions>()
            .Bind(configuration.GetSection(PublicSiteOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PublicSiteOptions>, PublicSiteOptionsValidator>());

        // Persisted (a keys folder and a certificate): every site process behind a load balancer, and the site after a
        // restart, accepts the forms and result links another issued. Unset: in memory, so a form is posted back to the
        // process that served it (sticky sessions). Bad settings are the validator's to report, with the site's others.
        services.AddKeyRing(
            DataProtectionApplicationName,
            configuration.GetSection(PublicSiteOptions.SectionName).GetSection(KeyRingOptions.SectionName).Get<KeyRingOptions>());
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<PublicSiteOptions>>((forwarded, site) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in site.Value.KnownProxies)
            {
                if (IPAddress.TryParse(proxy, out var address))
                {
                    forwarded.KnownProxies.Add(address);
                }
            }
        });
        services.AddOptions<HstsOptions>().Configure<IOptions<PublicSiteOptions>>((hsts, site) => hsts.MaxAge = site.Value.HstsMaxAge);

        services.AddRazorPages()
            .ConfigureApplicationPartManager(parts =>
            {
                // Only this site's pages (its types and its compiled views): the fleet process also loads the staff portal's assembly.
                var assembly = typeof(PublicSiteServiceCollectionExtensions).Assembly;
                parts.ApplicationParts.Clear();
                foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
                {
                    parts.ApplicationParts.Add(part);
                }
            });
        services.AddAntiforgery(PublicCookies.ConfigureAntiforgery);
        services.AddHealthChecks();
        services.AddSingleton<ResultLinks>();
        services.AddFleetCalendar(configuration);
        services.AddSingleton<CaseStatusViewBuilder>(sp => new CaseStatusViewBuilder(
            sp.GetRequiredService<IOptions<PublicSiteOptions>>().Value, sp.GetRequiredService<WorkingDayCalendar>()));
        services.AddSingleton<StatusLookup>();
        services.AddSingleton<ChargeEstimator>();
        return services;
    }
}
