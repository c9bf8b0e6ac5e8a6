using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;

namespace AutomationFleet.Worker.Scheduling;

/// <summary>Applies the configured schedules to the store when the host starts, before the scheduler fires anything.</summary>
public sealed class ApplySchedulesHostedService(
    ISchedulerFactory schedulerFactory, IOptions<SchedulingOptions> options, ScheduleApplier applier) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        await applier.ApplyAsync(scheduler, options.Value, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
