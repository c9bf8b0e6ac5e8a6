using AutomationFleet.Portal.Admin;
using AutomationFleet.Portal.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AutomationFleet.Worker.Scheduling;

/// <summary>The portal's Schedules page over the host's <see cref="ScheduleAdmin"/> (the portal cannot reference Quartz's owner).</summary>
public sealed class PortalScheduleControl(ScheduleAdmin admin) : IScheduleControl
{
    /// <summary>Hands a schedule control over the host's <see cref="ScheduleAdmin"/> to the portal's container.</summary>
    public static IServiceCollection AddPortalScheduleControl(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(new PortalSharedService(
            (host, portal) => portal.AddSingleton<IScheduleControl>(new PortalScheduleControl(host.GetRequiredService<ScheduleAdmin>()))));
        return services;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ScheduleRow>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await admin.ListAsync(cancellationToken)).Select(s => new ScheduleRow(
            s.Name, s.Cron, s.Queue, s.State.ToString(), s.NextFireTimeUtc, s.PreviousFireTimeUtc, s.WorkingDaysOnly))];

    /// <inheritdoc />
    public Task<bool> PauseAsync(string name, string requestedBy, CancellationToken cancellationToken) =>
        admin.PauseAsync(name, requestedBy, cancellationToken);

    /// <inheritdoc />
    public Task<bool> ResumeAsync(string name, CancellationToken cancellationToken) => admin.ResumeAsync(name, cancellationToken);

    /// <inheritdoc />
    public Task TriggerAsync(string name, CancellationToken cancellationToken) => admin.TriggerAsync(name, cancellationToken);
}
