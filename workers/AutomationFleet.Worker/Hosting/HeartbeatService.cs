using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Workers;
using AutomationFleet.Worker.Queueing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Worker.Hosting;

/// <summary>Reports this worker alive every <see cref="WorkerOptions.HeartbeatInterval"/>, and stopped on a clean shutdown.</summary>
public sealed class HeartbeatService(
    IWorkerRegistry registry,
    WorkerIdentity identity,
    InFlightTracker inFlight,
    IEnumerable<IBot> bots,
    IOptions<WorkerOptions> options,
    TimeProvider timeProvider,
    ILogger<HeartbeatService> logger) : BackgroundService
{
    private readonly string[] _queues = bots.Select(b => b.Queue).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await registry.MarkStoppedAsync(identity.Id, cancellationToken);
            logger.LogInformation("Worker {WorkerId} stopped cleanly", identity.Id);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Could not record worker {WorkerId} as stopped", identity.Id);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await registry.HeartbeatAsync(
                    new WorkerHeartbeat(identity.Id, Environment.MachineName, Environment.ProcessId, _queues, inFlight.Total),
                    stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Heartbeat of worker {WorkerId} failed", identity.Id);
            }

            try
            {
                await Task.Delay(options.Value.HeartbeatInterval, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
