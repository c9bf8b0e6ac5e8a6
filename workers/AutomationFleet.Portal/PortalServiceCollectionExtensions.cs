using System.Security.Claims;
using AutomationFleet.Core.Retention;
using AutomationFleet.Portal.Admin;
using AutomationFleet.Portal.Hosting;
using AutomationFleet.Portal.Intake;
using AutomationFleet.Portal.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
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
    public const string CookieName = "fleet.portal";

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
        services.AddSingleton<IValidateOptions<PortalOptions>, PortalOptionsValidator>();
        services.AddSingleton<QueueAccess>();
        services.AddFleetIntake();
        services.AddSingleton<SecurityAudit>();

        var authentication = services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, _ => { });
        AddDirectorySignIn(services, authentication, configuration);
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<PortalOptions>>((cookie, portal) =>
            {
                cookie.Cookie.Name = CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = portal.Value.SessionTimeout;
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/sign-in";
                cookie.LogoutPath = "/sign-out";
                cookie.AccessDeniedPath = "/status/403";
                cookie.Events = new CookieAuthenticationEvents
                {
                    OnValidatePrincipal = ValidatePrincipalAsync,
                    OnRedirectToAccessDenied = async context =>
                    {
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
            .AddPolicy(PortalPolicies.Administrator, p => p.RequireRole(PortalRoles.Administrator));

        services.AddRazorPages(pages =>
            {
                pages.Conventions.AuthorizeFolder("/", PortalPolicies.Reviewer);
                pages.Conventions.AuthorizeFolder("/Admin", PortalPolicies.Administrator);
                pages.Conventions.AllowAnonymousToPage("/SignIn");
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
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "fleet.antiforgery";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
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

    // The account is read on every request: a disabled, deleted or re-roled account loses its session at once.
    private static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var access = context.HttpContext.RequestServices.GetRequiredService<QueueAccess>();
        var scope = context.Principal is null ? null : await access.ScopeAsync(context.Principal, context.HttpContext.RequestAborted);
        var role = context.Principal?.FindFirst(ClaimTypes.Role)?.Value;
        if (scope is null || !string.Equals(PortalRoles.NameOf(scope.Role), role, StringComparison.Ordinal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
