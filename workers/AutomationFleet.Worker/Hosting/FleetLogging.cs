using AutomationFleet.Core.Files;
using Microsoft.Extensions.Configuration;
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
/// </remarks>
public static class FleetLogging
{
    private const string Section = "Serilog";
    private const string SinksSection = "Serilog:WriteTo";

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
