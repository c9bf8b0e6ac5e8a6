using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AutomationFleet.Portal.Hosting;

/// <summary>How a Generic Host (the <c>fleet</c> process) takes the portal in.</summary>
public static class PortalHostingExtensions
{
    /// <summary>
    /// Adds <see cref="PortalHostedService"/> when <c>Portal:Enabled</c> is true (the default), or always when
    /// <paramref name="force"/> is set (<c>fleet portal</c>). The host must already register the store.
    /// </summary>
    public static IServiceCollection AddFleetPortalHost(this IServiceCollection services, IConfiguration configuration, bool force = false)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(PortalOptions.SectionName).Get<PortalOptions>() ?? new PortalOptions();
        if (force || options.Enabled)
        {
            services.AddSingleton<PortalHostedService>();
            services.AddHostedService(provider => provider.GetRequiredService<PortalHostedService>());
        }

        return services;
    }
}
