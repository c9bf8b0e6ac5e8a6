using Microsoft.AspNetCore.Http;

namespace AutomationFleet.Portal.Security;

/// <summary>
/// Security headers on every response: a CSP allowing only this origin (no inline script or style), no framing,
/// no MIME sniffing, no referrer to other sites. Documents served for embedding relax only framing to 'self'.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; object-src 'self'";

    /// <summary>Set by the document endpoint: it may be framed by the item page on this origin.</summary>
    public const string AllowSameOriginFramingItem = "fleet.allow-same-origin-framing";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            var framed = context.Items.ContainsKey(AllowSameOriginFramingItem);
            headers.ContentSecurityPolicy = framed
                ? "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'"
                : ContentSecurityPolicy;
            headers.XFrameOptions = framed ? "SAMEORIGIN" : "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            if (!headers.ContainsKey("Cache-Control"))
            {
                // Pages hold personal data: never kept by the browser or a proxy.
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
