using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Confidence;
using AutomationFleet.Core.Metrics;
using AutomationFleet.Core.PublicStatus;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.Review.Forms;
using AutomationFleet.Core.SideEffects;
using AutomationFleet.Core.Updates;
using AutomationFleet.Core.Users;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Core.Workers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Portal.Hosting;

/// <summary>
/// Runs the portal inside a Generic Host (the fleet process): starts its web application with the host's store,
/// blob store, clock, logging and the bots' review forms (every <see cref="IReviewForm"/> the host registers), and
/// stops it with the host.
/// </summary>
public sealed class PortalHostedService(
    IServiceProvider services, IConfiguration configuration, IEnumerable<PortalSharedService> shared, ILogger<PortalHostedService> logger)
    : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The addresses the portal listens on, once started.</summary>
    public IReadOnlyCollection<string> Addresses { get; private set; } = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _app = PortalWebApplication.Build(configuration, portal =>
        {
            portal.AddSingleton(services.GetRequiredService<IWorkQueue>());
            portal.AddSingleton(services.GetRequiredService<IReviewQueue>());
            portal.AddSingleton(services.GetRequiredService<IUserStore>());
            portal.AddSingleton(services.GetRequiredService<IBlobStore>());
            portal.AddSingleton(services.GetRequiredService<TimeProvider>());
            portal.AddSingleton(services.GetRequiredService<ILoggerFactory>());
            if (services.GetService<IWorkerRegistry>() is { } workers)
            {
                portal.AddSingleton(workers);
            }

            if (services.GetService<IFleetMetrics>() is { } metrics)
            {
                portal.AddSingleton(metrics);
            }

            if (services.GetService<IThresholdOverrideStore>() is { } thresholds)
            {
                portal.AddSingleton(thresholds);
            }

            if (services.GetService<IBotPauseStore>() is { } pauses)
            {
                portal.AddSingleton(pauses);
            }

            // The dashboard's updates measures: the store, and the touch points configured (bound and validated by the host).
            if (services.GetService<IUpdateStore>() is { } updates)
            {
                portal.AddSingleton(updates);
                portal.AddSingleton(services.GetRequiredService<IOptions<UpdatesOptions>>());
            }

            portal.AddSingleton(new Admin.FleetBots(
                services.GetServices<IBot>().Select(b => b.Name).Concat(services.GetServices<IReviewForm>().Select(f => f.Bot))));

            if (services.GetService<IPublicStatusStore>() is { } lookups)
            {
                portal.AddSingleton(lookups);
            }

            if (services.GetService<ISideEffectLedger>() is { } ledger)
            {
                portal.AddSingleton(ledger);
            }

            // Each bot's evidence view and correction form, registered by the bot's own Add…() in the host.
            foreach (var form in services.GetServices<IReviewForm>())
            {
                portal.AddSingleton(form);
            }

            foreach (var share in shared)
            {
                share.Share(services, portal);
            }
        });
        await _app.StartAsync(cancellationToken);
        Addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];
        logger.LogInformation("Review portal listening on {Addresses}", string.Join(", ", Addresses));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
    }
}
