using AutomationFleet.Core.Bots;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Worker.Queueing;

/// <summary>
/// Starts one <see cref="QueueConsumer"/> per registered bot (bots are registered by their own
/// <c>Add&lt;Bot&gt;()</c> calls, so the set is only known once the container is built), and stops them together.
/// </summary>
public sealed class QueueConsumerHost(IServiceProvider services, IEnumerable<IBot> bots) : IHostedService, IDisposable
{
    private readonly List<QueueConsumer> _consumers = [];

    public IReadOnlyList<QueueConsumer> Consumers => _consumers;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var queueOptions = services.GetRequiredService<IOptionsMonitor<QueueOptions>>();
        var worker = services.GetRequiredService<IOptions<WorkerOptions>>().Value;
        foreach (var bot in bots)
        {
            var consumer = new QueueConsumer(
                bot,
                queueOptions.Get(bot.Queue),
                worker,
                services.GetRequiredService<WorkerIdentity>(),
                services.GetRequiredService<IWorkQueue>(),
                services.GetService<IWorkAvailableSignal>() ?? new PollingWorkAvailableSignal(services.GetRequiredService<TimeProvider>()),
                services.GetRequiredService<IServiceScopeFactory>(),
                services.GetRequiredService<InFlightTracker>(),
                services.GetRequiredService<TimeProvider>(),
                services.GetRequiredService<ILogger<QueueConsumer>>(),
                // A store without pauses (a test's own) leaves the consumers unpausable.
                services.GetService<IBotPauseStore>() is null ? null : services.GetRequiredService<BotPauseSource>());
            _consumers.Add(consumer);
            await consumer.StartAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_consumers.Select(c => c.StopAsync(cancellationToken)));

    public void Dispose()
    {
        foreach (var consumer in _consumers)
        {
            consumer.Dispose();
        }
    }
}
