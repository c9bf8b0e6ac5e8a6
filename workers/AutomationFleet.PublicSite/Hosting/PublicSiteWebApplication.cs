using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutomationFleet.PublicSite.Hosting;

/// <summary>
/// Builds the public site's own <see cref="WebApplication"/> (its own Kestrel, container, key ring and cookie) inside
/// whichever process hosts it; the caller hands over the fleet's shared singletons through <paramref name="addShared"/>.
/// </summary>
public static class PublicSiteWebApplication
{
    public static WebApplication Build(IConfiguration configuration, Action<IServiceCollection> addShared)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(addShared);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(PublicSiteWebApplication).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.ClearProviders();
        addShared(builder.Services);
        builder.Services.AddPublicSite(builder.Configuration);
        builder.WebHost.UseUrls((builder.Configuration.GetSection(PublicSiteOptions.SectionName).Get<PublicSiteOptions>() ?? new PublicSiteOptions()).Urls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var app = builder.Build();
        _ = app.Services.GetRequiredService<IOptions<PublicSiteOptions>>().Value;
        app.MapPublicSite();
        return app;
    }
}
