using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AutomationFleet.PublicSite.Hosting;

/// <summary>How a Generic Host (the <c>fleet</c> process) takes the public site in.</summary>
public static class PublicSiteHostingExtensions
{
    /// <summary>Adds <see cref="PublicSiteHostedService"/> when <c>PublicSite:Enabled</c> is true (the default). The host must register the store.</summary>
    public static IServiceCollection AddPublicSiteHost(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(PublicSiteOptions.SectionName).Get<PublicSiteOptions>() ?? new PublicSiteOptions();
        if (options.Enabled)
        {
            services.AddSingleton<PublicSiteHostedService>();
            services.AddHostedService(provider => provider.GetRequiredService<PublicSiteHostedService>());
        }

        return services;
    }
}
