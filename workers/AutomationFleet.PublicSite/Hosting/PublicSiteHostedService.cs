using AutomationFleet.Bots.FinancialAssessments;
using AutomationFleet.Bots.Updates.OptOut;
using AutomationFleet.Core.PublicStatus;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.SideEffects;
using AutomationFleet.Core.Updates;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.PublicSite.Estimate;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutomationFleet.PublicSite.Hosting;

/// <summary>
/// Runs the public site inside a Generic Host (the fleet process), on its own port: it takes the host's store, clock,
/// logging, the bots' <see cref="IPublicStatusReader"/>s, (when the bot is configured) the financial-assessment
/// calculator and (when updates are on) the updates' opt-out signer, and nothing of the staff portal's.
/// </summary>
public sealed class PublicSiteHostedService(IServiceProvider services, IConfiguration configuration, ILogger<PublicSiteHostedService> logger)
    : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The addresses the site listens on, once started.</summary>
    public IReadOnlyCollection<string> Addresses { get; private set; } = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _app = PublicSiteWebApplication.Build(configuration, site =>
        {
            site.AddSingleton(services.GetRequiredService<IPublicStatusStore>());
            site.AddSingleton(services.GetRequiredService<IWorkQueue>());
            site.AddSingleton(services.GetRequiredService<IReviewQueue>());
            site.AddSingleton(services.GetRequiredService<ISideEffectLedger>());
            site.AddSingleton(services.GetRequiredService<TimeProvider>());
            site.AddSingleton(services.GetRequiredService<ILoggerFactory>());
            foreach (var reader in services.GetServices<IPublicStatusReader>())
            {
                site.AddSingleton(reader);
            }

            // With proactive updates on, the opt-out page their e-mails link to is served here, on the public site.
            if (services.GetService<OptOutToken>() is { } optOut)
            {
                site.AddSingleton(optOut);
                site.AddSingleton(services.GetRequiredService<IUpdateStore>());
            }

            if (services.GetService<ChargeAssessor>() is { } assessor)
            {
                site.AddSingleton(new AssessmentIntake(assessor, services.GetRequiredService<IOptions<FinancialAssessmentsOptions>>().Value.Queue));
            }
        });
        await _app.StartAsync(cancellationToken);
        Addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];
        logger.LogInformation("Public site listening on {Addresses}", string.Join(", ", Addresses));
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
