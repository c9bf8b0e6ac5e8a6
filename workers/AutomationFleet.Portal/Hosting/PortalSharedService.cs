using Microsoft.Extensions.DependencyInjection;

namespace AutomationFleet.Portal.Hosting;

/// <summary>
/// Hands one more of the host's services to the portal's container (beyond the store's contracts, blob store, clock and
/// logging, which are always shared). The Worker registers these for what only it can build, e.g. the Quartz scheduler
/// factory for the admin schedules page: <c>services.AddSingleton(new PortalSharedService((host, portal) =&gt;
/// portal.AddSingleton(host.GetRequiredService&lt;ISchedulerFactory&gt;())))</c>.
/// </summary>
public sealed class PortalSharedService(Action<IServiceProvider, IServiceCollection> share)
{
    public void Share(IServiceProvider host, IServiceCollection portal) => share(host, portal);
}
