using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Worker.Inbox;

public static class InboxServiceCollectionExtensions
{
    /// <summary>
    /// Watches the inbox folder (section <c>Inbox</c>) and every further folder under <c>Inboxes</c> (e.g.
    /// <c>Inboxes:contact-forms</c>, each with its own queue and folders), and enqueues each accepted file. Needs an
    /// <c>IWorkQueue</c> and an <c>IBlobStore</c> in the container (see <c>AddFleetStore</c>).
    /// </summary>
    public static IServiceCollection AddInboxFolder(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InboxOptions>, InboxOptionsValidator>());
        services.AddOptions<InboxOptions>()
            .BindConfiguration(InboxOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddHostedService<InboxFolderSource>();
        foreach (var folder in configuration.GetSection(InboxOptions.MoreSectionName).GetChildren())
        {
            var name = folder.Key;
            services.AddOptions<InboxOptions>(name)
                .BindConfiguration(InboxOptions.SectionOf(name))
                .PostConfigure(o => o.ReferencePrefix = $"inbox-{name}")
                .ValidateDataAnnotations()
                .ValidateOnStart();
            services.AddSingleton<IHostedService>(sp => new InboxFolderSource(
                Options.Create(sp.GetRequiredService<IOptionsMonitor<InboxOptions>>().Get(name)),
                sp.GetRequiredService<AutomationFleet.Core.WorkItems.IWorkQueue>(),
                sp.GetRequiredService<AutomationFleet.Core.Blobs.IBlobStore>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<InboxFolderSource>>()));
        }

        return services;
    }
}
