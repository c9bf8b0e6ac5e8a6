using System.Globalization;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace AutomationFleet.Samples.CaseManagement;

/// <summary>Builds the sample app; <c>Program</c> runs it, tests start it in-process on a free port.</summary>
public static class CaseManagementApp
{
    public static async Task<WebApplication> CreateAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        configure?.Invoke(builder);
        builder.Services.AddOptions<SampleAppOptions>()
            .BindConfiguration(SampleAppOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.IdleTimeout > TimeSpan.Zero, "SampleApp:IdleTimeout must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<LegacyQuirks>();
        builder.Services.AddSingleton<CaseRecordStore>();
        builder.Services.AddAntiforgery();
        builder.Services.AddAuthorization();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
        {
            options.LoginPath = "/sign-in";
            options.Cookie.Name = "casemgmt.session";
            options.Cookie.HttpOnly = true;
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = context =>
            {
                // A session signed in before the quirk ended all sessions is over, as after a server restart.
                var quirks = context.HttpContext.RequestServices.GetRequiredService<LegacyQuirks>();
                var generation = context.Principal?.FindFirst(CaseManagementEndpoints.GenerationClaim)?.Value;
                if (generation != quirks.SessionGeneration.ToString(CultureInfo.InvariantCulture))
                {
                    context.RejectPrincipal();
                }

                return Task.CompletedTask;
            };
        });
        builder.Services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<Microsoft.Extensions.Options.IOptions<SampleAppOptions>>((cookie, app) => cookie.ExpireTimeSpan = app.Value.IdleTimeout);

        var app = builder.Build();
        var settings = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SampleAppOptions>>().Value;
        await app.Services.GetRequiredService<CaseRecordStore>().InitializeAsync(settings.ExtractPath);
        app.Use(LegacyQuirksAsync);
        app.Use(ExpireSessionOnSaveAsync);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        CaseManagementEndpoints.Map(app);
        return app;
    }

    // Slow first, then perhaps fail: a legacy server under load does both before it looks at the request.
    private static async Task LegacyQuirksAsync(HttpContext context, RequestDelegate next)
    {
        var quirks = context.RequestServices.GetRequiredService<LegacyQuirks>();
        var delay = quirks.NextDelay();
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, context.RequestAborted);
        }

        if (quirks.ShouldFail())
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync("<!DOCTYPE html><html><body><h1>Server Error in '/' Application.</h1><p>Runtime Error.</p></body></html>");
            return;
        }

        await next(context);
    }

    private static Task ExpireSessionOnSaveAsync(HttpContext context, RequestDelegate next)
    {
        if (HttpMethods.IsPost(context.Request.Method)
            && context.Request.Path.StartsWithSegments("/people", StringComparison.Ordinal)
            && context.Request.Path.Value?.EndsWith("/notes", StringComparison.Ordinal) == true
            && context.RequestServices.GetRequiredService<LegacyQuirks>().TakeExpireOnSave())
        {
            context.RequestServices.GetRequiredService<LegacyQuirks>().ExpireAllSessions();
        }

        return next(context);
    }
}
