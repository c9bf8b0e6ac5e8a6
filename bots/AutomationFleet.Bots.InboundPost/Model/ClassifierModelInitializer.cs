using Microsoft.Extensions.Hosting;

namespace AutomationFleet.Bots.InboundPost.Model;

/// <summary>Loads (or trains) the classifier when the host starts, so the first item does not wait for it.</summary>
public sealed class ClassifierModelInitializer(ClassifierModel model) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        Task.Run(model.EnsureLoaded, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
