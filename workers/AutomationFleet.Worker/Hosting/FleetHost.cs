using AutomationFleet.Bots.ContactForms;
using AutomationFleet.Bots.FinancialAssessments;
using AutomationFleet.Bots.InboundPost;
using AutomationFleet.Bots.IncidentReports;
using AutomationFleet.Bots.Maintenance;
using AutomationFleet.Bots.Updates;
using AutomationFleet.Connectors.Mail;
using AutomationFleet.Core.Confidence;
using AutomationFleet.Core.Resilience;
using AutomationFleet.Portal.Hosting;
using AutomationFleet.PublicSite.Hosting;
using AutomationFleet.Storage;
using AutomationFleet.Worker.Inbox;
using AutomationFleet.Worker.Queueing;
using AutomationFleet.Worker.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Worker.Hosting;

/// <summary>
/// Builds the fleet's Generic Host: store, pipelines, runner, queue consumers, heartbeats, scheduler, inbox folder, and the
/// mail connectors (IMAP mailbox source, SMTP sending; each does nothing until enabled in <c>Mail:Imap</c>/<c>Mail:Smtp</c>).
/// </summary>
public static class FleetHost
{
    public static IHost Create(string[] args) => Create(args, configure: null);

    /// <summary>
    /// Builds the host; <paramref name="configure"/> runs after the config files are loaded and before the fleet's
    /// services are added, so it can add configuration (which then wins) and services (bots, a fake clock).
    /// </summary>
    public static IHost Create(string[] args, Action<HostApplicationBuilder>? configure) => CreateBuilder(args, configure).Build();

    /// <summary>
    /// The host <c>fleet run</c> runs: the fleet plus the review portal and the public site in the same process, sharing
    /// its store, each on its own port (unless <c>Portal:Enabled</c> or <c>PublicSite:Enabled</c> is false).
    /// </summary>
    public static IHost CreateWithPortal(string[] args, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = CreateBuilder(args, configure);
        builder.Services.AddFleetPortalHost(builder.Configuration);
        builder.Services.AddPublicSiteHost(builder.Configuration);
        PortalScheduleControl.AddPortalScheduleControl(builder.Services);
        return builder.Build();
    }

    public static HostApplicationBuilder CreateBuilder(string[] args, Action<HostApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var commandLine = new ConfigurationBuilder().AddCommandLine(args).Build();
        var configDirectory = FleetConfiguration.ResolveConfigDirectory(commandLine);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        builder.Configuration.AddFleetSources(configDirectory, builder.Environment.EnvironmentName, args);
        configure?.Invoke(builder);

        var services = builder.Services;
        var configuration = builder.Configuration;
        services.TryAddSingleton(TimeProvider.System);
        services.AddFleetStore(configuration);
        services.AddInboundPostBot(configuration);
        services.AddContactFormBot(configuration);
        services.AddFinancialAssessmentBot(configuration);
        services.AddIncidentReportBot(configuration);
        services.AddMaintenanceBot(configuration);
        services.AddUpdates(configuration);
        services.AddFleetWorker(configuration);
        services.AddFleetScheduling(configuration);
        services.AddScheduleTopologyCheck(configuration);
        services.AddInboxFolder(configuration);
        services.AddImapMailboxSource(configuration);
        services.AddSmtpMail(configuration);
        return builder;
    }

    /// <summary>Everything a worker process needs apart from the store, scheduler and inbox.</summary>
    public static IServiceCollection AddFleetWorker(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WorkerOptions>()
            .BindConfiguration(WorkerOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkerOptions>, WorkerOptionsValidator>());
        services.AddSingleton<WorkerIdentity>();

        // The host must wait longer than the consumers' grace period, or it cuts them off before they release.
        // Read unvalidated: the host reads HostOptions while it is built, before start-up validation reports everything.
        services.Configure<HostOptions>(host =>
        {
            var worker = configuration.GetSection(WorkerOptions.SectionName).Get<WorkerOptions>() ?? new WorkerOptions();
            host.ShutdownTimeout = TimeSpan.FromSeconds(15) + (worker.ShutdownTimeout > TimeSpan.Zero ? worker.ShutdownTimeout : TimeSpan.Zero);
        });

        services.AddOptions<ConfidenceOptions>()
            .BindConfiguration(ConfidenceOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConfidenceOptions>, ConfidenceOptionsValidator>());
        // Overrides set in the admin console or `fleet thresholds set` reach the policy within its cache duration (5 s).
        services.TryAddSingleton<ThresholdOverrideSource>();
        services.TryAddSingleton<ConfidencePolicy>();

        services.AddOptions<FleetPipelineOptions>()
            .BindConfiguration(FleetPipelineOptions.SectionName)
            .ValidateOnStart();
        services.AddFleetPipelines();

        services.AddHostedService<HeartbeatService>();
        services.AddQueueConsumers(configuration);
        services.AddFleetLogging(configuration, provider => provider.GetRequiredService<WorkerIdentity>().Id);
        return services;
    }
}
