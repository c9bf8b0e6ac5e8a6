using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Running;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Worker.Queueing;

public static class QueueingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the runner, one consumer per registered bot, and per-queue options bound from
    /// <c>Queues:{queue}</c> and validated at start (together with the queue/bot topology).
    /// </summary>
    public static IServiceCollection AddQueueConsumers(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration.GetSection(QueueOptions.SectionName).GetChildren().Select(s => s.Key).ToArray();
        foreach (var queue in configured)
        {
            services.AddOptions<QueueOptions>(queue)
                .BindConfiguration($"{QueueOptions.SectionName}:{queue}")
                .ValidateDataAnnotations()
                .ValidateOnStart();
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QueueOptions>, QueueOptionsValidator>());
        services.AddOptions<QueueTopologyOptions>()
            .Configure<IEnumerable<IBot>>((topology, bots) =>
            {
                topology.ConfiguredQueues.UnionWith(configured);
                topology.Bots.AddRange(bots.Select(b => (b.Name, b.Queue)));
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QueueTopologyOptions>, QueueTopologyValidator>());

        services.TryAddScoped<BotRunner>();
        // Pauses set in the admin console or `fleet bots pause` stop every consumer of the bot within its cache
        // duration (both stores implement IBotPauseStore).
        services.TryAddSingleton<BotPauseSource>();
        services.TryAddSingleton<InFlightTracker>();
        services.AddHostedService<QueueConsumerHost>();
        return services;
    }
}
