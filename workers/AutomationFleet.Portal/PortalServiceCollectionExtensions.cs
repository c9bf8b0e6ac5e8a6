using System.Net;
using AutomationFleet.Core.Retention;
using AutomationFleet.Portal.Admin;
using AutomationFleet.Portal.Hosting;
using AutomationFleet.Portal.Intake;
using AutomationFleet.Portal.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Portal;

/// <summary>Registers the portal's services in a web application's container (the store's contracts must be there too).</summary>
public static class PortalServiceCollectionExtensions
{
    public const string CookieName = PortalCookies.SessionCookieName;

    /// <summary>
    /// Options (section <c>Portal</c>, validated at start), cookie sign-in with a sliding timeout (and, when
    /// <c>Portal:OpenIdConnect:Enabled</c>, sign-in through the council's directory into the same cookie), role policies,
    /// Razor Pages with anti-forgery on every form and every page needing a signed-in account unless marked
    /// otherwise, the queue-grant check, the security audit and the health checks.
    /// </summary>
    public static IServiceCollection AddFleetPortal(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PortalOptions>()
            .Bind(configuration.GetSection(PortalOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PortalOptions>, PortalOptionsValidator>());
        services.AddSingleton<QueueAccess>();
        services.AddFleetIntake();
        services.AddSingleton<SecurityAudit>();
        services.AddSingleton<TotpSecretProtection>();
        PortalDataProtection.Add(services, configuration);
        services.AddSignInRateLimits();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<PortalOptions>>((forwarded, portal) => ConfigureForwardedHeaders(forwarded, portal.Value));
        services.AddOptions<HstsOptions>().Configure<IOptions<PortalOptions>>((hsts, portal) => hsts.MaxAge = portal.Value.HstsMaxAge);
        // fleet run hands over its bots' names first; a portal alone knows the bots whose forms it hosts.
        services.TryAddSingleton(provider => FleetBots.FromForms(provider.GetServices<Core.Review.Forms.IReviewForm>()));

        var authentication = services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, _ => { })
            .AddCookie(SecondFactorSignIn.Scheme, SecondFactorSignIn.ConfigureCookie);
        AddDirectorySignIn(services, authentication, configuration);
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<PortalOptions>>((cookie, portal) =>
            {
                PortalCookies.ConfigureSession(cookie);
                cookie.ExpireTimeSpan = portal.Value.SessionTimeout;
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/sign-in";
                cookie.LogoutPath = "/sign-out";
                cookie.AccessDeniedPath = "/status/403";
                cookie.Events = new CookieAuthenticationEvents
                {
                    OnValidatePrincipal = PortalSessionValidator.ValidateAsync,
                    OnRedirectToAccessDenied = async context =>
                    {
                        // An administrator signed in without a second factor is sent to enrol one, not refused.
                        if (context.HttpContext.User.IsInRole(PortalRoles.Administrator) && !PortalPrincipal.HasSecondFactor(context.HttpContext.User))
                        {
                            context.Response.Redirect(SecondFactorSignIn.EnrolPath);
                            return;
                        }

                        // A role denial: answer 403 on the URL asked for (no redirect), audited.
                        await context.HttpContext.RequestServices.GetRequiredService<SecurityAudit>()
                            .DeniedAsync(context.HttpContext, string.Empty, "role");
                        context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    },
                };
            });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(PortalPolicies.Reviewer, p => p.RequireRole(PortalRoles.Reviewer, PortalRoles.Supervisor, PortalRoles.Administrator))
            .AddPolicy(PortalPolicies.Supervisor, p => p.RequireRole(PortalRoles.Supervisor, PortalRoles.Administrator))
            .AddPolicy(PortalPolicies.Administrator, p => p
                .RequireRole(PortalRoles.Administrator)
                .RequireClaim(PortalPrincipal.SecondFactorClaim));

        services.AddRazorPages(pages =>
            {
                pages.Conventions.AuthorizeFolder("/", PortalPolicies.Reviewer);
                pages.Conventions.AuthorizeFolder("/Admin", PortalPolicies.Administrator);
                pages.Conventions.AllowAnonymousToPage("/SignIn");
                pages.Conventions.AllowAnonymousToPage("/SignInCode");
                pages.Conventions.AllowAnonymousToPage("/SignInDirectory");
                pages.Conventions.AllowAnonymousToPage("/SignInRefused");
                pages.Conventions.AllowAnonymousToPage("/Status");
            })
            .ConfigureApplicationPartManager(parts =>
            {
                var assembly = typeof(PortalServiceCollectionExtensions).Assembly;
                if (!parts.ApplicationParts.Any(p => p is AssemblyPart a && a.Assembly == assembly))
                {
                    parts.ApplicationParts.Add(new AssemblyPart(assembly));
                }
            });
        services.AddAntiforgery(PortalCookies.ConfigureAntiforgery);
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: ["ready"]);
        services.AddFleetAdmin();
        // The retention page shows the policies the purge runs; a bad one stops the portal as it stops the fleet.
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>());
        return services;
    }

    // Only registered when enabled: the handler answers its callback path on every request and would fail there
    // without an authority. The settings themselves are validated at start with the other portal options.
    private static void AddDirectorySignIn(IServiceCollection services, AuthenticationBuilder authentication, IConfiguration configuration)
    {
        var enabled = configuration.GetSection(PortalOptions.SectionName).GetSection(PortalOpenIdConnectOptions.SectionName)
            .GetValue<bool>(nameof(PortalOpenIdConnectOptions.Enabled));
        if (!enabled)
        {
            return;
        }

        authentication.AddOpenIdConnect(DirectorySignIn.Scheme, _ => { });
        services.AddOptions<OpenIdConnectOptions>(DirectorySignIn.Scheme)
            .Configure<IOptions<PortalOptions>>((handler, portal) => DirectorySignIn.Configure(handler, portal.Value.OpenIdConnect));
    }

    // Only the configured proxies' X-Forwarded-For and X-Forwarded-Proto are believed (the framework's loopback
    // defaults are replaced by the settings: TrustLoopbackProxy, KnownProxies, KnownNetworks). X-Forwarded-Host is not taken: the portal's
    // links and redirects keep the Host the proxy passes on.
    private static void ConfigureForwardedHeaders(ForwardedHeadersOptions forwarded, PortalOptions portal)
    {
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        if (portal.TrustLoopbackProxy)
        {
            forwarded.KnownProxies.Add(IPAddress.Loopback);
            forwarded.KnownProxies.Add(IPAddress.IPv6Loopback);
        }

        foreach (var proxy in portal.KnownProxies ?? [])
        {
            if (IPAddress.TryParse(proxy, out var address))
            {
                forwarded.KnownProxies.Add(address);
            }
        }

        foreach (var network in portal.KnownNetworks ?? [])
        {
            if (System.Net.IPNetwork.TryParse(network, out var parsed))
            {
                forwarded.KnownIPNetworks.Add(parsed);
            }
        }
    }
}
