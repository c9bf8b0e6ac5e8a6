using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Portal.Security;

/// <summary>
/// Limits password sign-in attempts (POST <c>/sign-in</c>) per client address and per account name, each a fixed
/// one-minute window (<see cref="PortalOptions.SignInAttemptsPerAddressPerMinute"/>,
/// <see cref="PortalOptions.SignInAttemptsPerAccountPerMinute"/>); beyond either the answer is 429 and the password is
/// not checked. The lock-out (<see cref="PortalOptions.MaxFailedSignIns"/>) stops guessing one account; this slows
/// spraying many accounts from one address and keeps the password hashing from being used to load the server.
/// The address is the client's as <c>UseForwardedHeaders</c> left it (a known proxy's <c>X-Forwarded-For</c>).
/// </summary>
public static class SignInRateLimits
{
    private const string SignInPath = "/sign-in";

    public static IServiceCollection AddSignInRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<PortalOptions>>((limiter, portal) =>
        {
            var settings = portal.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PerMinute(context => context.Connection.RemoteIpAddress?.ToString() ?? "unknown", settings.SignInAttemptsPerAddressPerMinute),
                PerMinute(AccountOf, settings.SignInAttemptsPerAccountPerMinute));
            limiter.OnRejected = (rejected, _) =>
            {
                rejected.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignInRateLimits).FullName!)
                    .LogWarning("Portal sign-in attempt refused by the rate limit");
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }

    /// <summary>
    /// Reads a sign-in form before the limiter runs (the limiter's partition is chosen synchronously, and a body may
    /// only be read asynchronously), then limits.
    /// </summary>
    public static WebApplication UseSignInRateLimits(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (IsPasswordAttempt(context) && context.Request.HasFormContentType)
            {
                await context.Request.ReadFormAsync(context.RequestAborted);
            }

            await next(context);
        });
        app.UseRateLimiter();
        return app;
    }

    private static bool IsPasswordAttempt(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals(SignInPath, StringComparison.OrdinalIgnoreCase);

    private static string AccountOf(HttpContext context) =>
        context.Request.HasFormContentType && context.Request.Form.TryGetValue("name", out var name)
            ? (name.ToString().Trim().ToUpperInvariant() is { Length: > 0 } key ? key : "(empty)")
            : "(none)";

    private static PartitionedRateLimiter<HttpContext> PerMinute(Func<HttpContext, string> key, int permits) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
            IsPasswordAttempt(context)
                ? RateLimitPartition.GetFixedWindowLimiter(key(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter(string.Empty));
}
