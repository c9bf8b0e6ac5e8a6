using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Worker.Inbox;

public static class InboxServiceCollectionExtensions
{
    /// <summary>
    /// Watches the inbox folder (section <c>Inbox</c>) and enqueues each accepted file. Needs an
    /// <c>IWorkQueue</c> and an <c>IBlobStore</c> in the container (see <c>AddSqliteFleetStore</c>).
    /// </summary>
    public static IServiceCollection AddInboxFolder(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<InboxOptions>()
            .BindConfiguration(InboxOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<InboxOptions>, InboxOptionsValidator>();
        services.AddHostedService<InboxFolderSource>();
        return services;
    }
}
