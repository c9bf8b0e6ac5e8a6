using AutomationFleet.Portal.Admin;
using AutomationFleet.Portal.Intake;
using AutomationFleet.Portal.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;

namespace AutomationFleet.Portal;

/// <summary>The portal's middleware and endpoints, in order.</summary>
public static class PortalEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Security headers, error and status pages, the portal's CSS and script, sign-in, authorization, the pages,
    /// the intake endpoint (<see cref="IntakeEndpoints"/>), and <c>/health/live</c> (the process answers) and <c>/health/ready</c> (the store answers), both anonymous.
    /// </summary>
    public static WebApplication MapFleetPortal(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // First, so the scheme (https behind a TLS proxy) and client address are right for everything after.
        app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseHsts();
        app.UseExceptionHandler("/status/500");
        app.UseStatusCodePagesWithReExecute("/status/{0}");
        app.UseRouting();
        app.UseSignInRateLimits();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/static/{file}", PortalStaticFiles.Serve).AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        app.MapFleetAdmin();
        app.MapFleetIntake();
        app.MapRazorPages();
        return app;
    }
}
