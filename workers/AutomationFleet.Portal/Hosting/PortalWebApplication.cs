using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Portal.Hosting;

/// <summary>
/// Builds the portal's own <see cref="WebApplication"/> (its own Kestrel and container) inside whichever process hosts
/// it. The caller hands over the fleet's shared singletons (the store's contracts, the blob store, the clock, the
/// logger factory) through <paramref name="addShared"/>, so the portal and the fleet share one store in one process.
/// </summary>
public static class PortalWebApplication
{
    public static WebApplication Build(IConfiguration configuration, Action<IServiceCollection> addShared, string? urls = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(addShared);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(PortalWebApplication).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.ClearProviders();
        addShared(builder.Services);
        builder.Services.AddFleetPortal(builder.Configuration);
        builder.WebHost.UseUrls(urls ?? (builder.Configuration.GetSection(PortalOptions.SectionName).Get<PortalOptions>() ?? new PortalOptions()).Urls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var app = builder.Build();
        _ = app.Services.GetRequiredService<IOptions<PortalOptions>>().Value;
        app.MapFleetPortal();
        return app;
    }
}
