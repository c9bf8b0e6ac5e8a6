using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace AutomationFleet.Worker.Hosting;

/// <summary>
/// Serilog set-up. Levels and overrides come from the <c>Serilog</c> section; sinks default to the console
/// and a daily rolling compact-JSON file <c>{Worker:LogDirectory}/fleet-.json</c>, unless the section lists
/// its own <c>WriteTo</c>. Every event carries the WorkerId.
/// </summary>
public static class FleetLogging
{
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
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("WorkerId", workerId);

        if (!configuration.GetSection("Serilog:WriteTo").Exists())
        {
            logger
                .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
                .WriteTo.File(
                    new CompactJsonFormatter(),
                    Path.Combine(worker.LogDirectory, "fleet-.json"),
                    rollingInterval: RollingInterval.Day,
                    retainedFileCountLimit: 31);
        }

        return logger;
    }
}
