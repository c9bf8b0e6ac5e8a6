using AutomationFleet.Bots.Updates.OptOut;
using AutomationFleet.PublicSite.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;

namespace AutomationFleet.PublicSite;

/// <summary>
/// The public site's middleware and endpoints, in order: the one place to read what the site answers. Its pages are the
/// Razor Pages of <c>Pages/</c>: <c>/</c> (start), <c>/status</c> (look-up) and <c>/status/{link}</c> (the case),
/// <c>/estimate</c> (charge estimate and applying) and <c>/estimate/applied/{link}</c>; with proactive updates on, the
/// opt-out page every update links to (<c>/updates/opt-out</c>, the updates bot's). A new citizen page is a page in
/// <c>Pages/</c> plus a link in <c>Pages/Shared/_Layout.cshtml</c>'s footer; an endpoint without a page is mapped here,
/// before <see cref="RazorPagesEndpointRouteBuilderExtensions.MapRazorPages"/>.
/// </summary>
public static class PublicSiteEndpoints
{
    public static WebApplication MapPublicSite(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseForwardedHeaders();
        app.UseMiddleware<PublicSecurityHeaders>();
        app.UseHsts();
        app.UseExceptionHandler("/error/500");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseRouting();
        app.UseAntiforgery();
        app.MapGet("/assets/{file}", PublicStaticFiles.Serve);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        if (app.Services.GetService<OptOutToken>() is not null)
        {
            app.MapUpdateOptOut();
        }

        app.MapRazorPages();
        return app;
    }
}
