using AutomationFleet.Core.Files;
using AutomationFleet.Core.Privacy;
using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace AutomationFleet.Worker.Hosting;

/// <summary>
/// Serilog set-up. Levels and overrides come from the <c>Serilog</c> section; sinks default to the console
/// and a daily rolling compact-JSON file <c>{Worker:LogDirectory}/fleet-.json</c>, unless the section lists
/// its own <c>WriteTo</c>. Every event carries the WorkerId.
/// </summary>
/// <remarks>
/// Logs hold no personal data (issue 13 §3): an exception is logged as its type and stack trace, never its message, which
/// may quote a letter, a form field or an address. Rather than trust every call site (ours, ASP.NET Core's, Quartz's),
/// the sinks sit behind one <see cref="ExceptionRedactingSink"/> that swaps each event's exception for a
/// <see cref="RedactedException"/>; so sinks from <c>Serilog:WriteTo</c> are built behind it too, not on the outer logger.
/// Values classified <see cref="FleetTaxonomy.PersonalData"/> (a <c>[PersonalData]</c> parameter of a
/// <c>[LoggerMessage]</c> method) are erased before Serilog sees them, by <c>Microsoft.Extensions.Compliance.Redaction</c>
/// under the extended logger factory (<see cref="AddFleetLogging"/>). The sink still has a job: an exception's message is
/// outside text that no attribute classifies, and framework code (ASP.NET Core, Quartz, Polly) logs exceptions too.
/// </remarks>
public static class FleetLogging
{
    private const string Section = "Serilog";
    private const string SinksSection = "Serilog:WriteTo";

    /// <summary>
    /// The one logging registration of every host (the worker host and the portal): the extended logger factory with
    /// redaction on, and this host's own Serilog logger as its only provider.
    /// </summary>
    /// <remarks>
    /// No static <c>Log.Logger</c>: each host builds its own logger and disposes it with its container, so two hosts in
    /// one process (the CLI beside a host, tests) never write to each other's files. Serilog does all level filtering
    /// (the <c>Serilog</c> section), so the factory lets every level through to it.
    /// </remarks>
    public static IServiceCollection AddFleetLogging(this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, string> workerId)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(workerId);
        services.AddRedaction(redaction => redaction.SetRedactor<ErasingRedactor>(new DataClassificationSet(FleetTaxonomy.PersonalData)));
        services.AddLogging(logging =>
        {
            logging.ClearProviders();
            logging.Services.AddSingleton<ILoggerProvider>(provider => new Serilog.Extensions.Logging.SerilogLoggerProvider(
                Configure(
                    new LoggerConfiguration(),
                    configuration,
                    configuration.GetSection(WorkerOptions.SectionName).Get<WorkerOptions>() ?? new WorkerOptions(),
                    workerId(provider)).CreateLogger(),
                dispose: true));
            logging.AddFilter<Serilog.Extensions.Logging.SerilogLoggerProvider>(null, LogLevel.Trace);
            logging.EnableRedaction();
        });
        return services;
    }

    public static LoggerConfiguration Configure(LoggerConfiguration logger, IConfiguration configuration, WorkerOptions worker, string workerId)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(worker);
        logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .MinimumLevel.Override("Polly", LogEventLevel.Warning)
            .ReadFrom.Configuration(SerilogKeys(configuration, key => !IsSinkKey(key)))
            .Enrich.FromLogContext()
            .Enrich.WithProperty("WorkerId", workerId)
            .WriteTo.Sink(new ExceptionRedactingSink(CreateSinks(configuration, worker)));
        return logger;
    }

    // Everything the outer logger let through (it did the level filtering) reaches every sink.
    private static Logger CreateSinks(IConfiguration configuration, WorkerOptions worker)
    {
        var sinks = new LoggerConfiguration().MinimumLevel.Verbose();
        if (configuration.GetSection(SinksSection).Exists())
        {
            return sinks.ReadFrom.Configuration(SerilogKeys(configuration, IsSinkKey)).CreateLogger();
        }

        OwnerOnly.CreateFolder(worker.LogDirectory);
        return sinks
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(
                new CompactJsonFormatter(),
                Path.Combine(worker.LogDirectory, "fleet-.json"),
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 31,
                hooks: new OwnerOnlyLogFiles())
            .CreateLogger();
    }

    private static bool IsSinkKey(string key) =>
        key.StartsWith(SinksSection, StringComparison.OrdinalIgnoreCase) || key.StartsWith(Section + ":Using", StringComparison.OrdinalIgnoreCase);

    private static IConfiguration SerilogKeys(IConfiguration configuration, Func<string, bool> keep) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(configuration.GetSection(Section).AsEnumerable()
                .Where(pair => pair.Value is not null && keep(pair.Key)))
            .Build();
}
