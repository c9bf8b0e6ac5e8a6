using Microsoft.Extensions.Configuration;

namespace AutomationFleet.Worker.Hosting;

/// <summary>
/// Where configuration comes from, in order of precedence (last wins): the files in the config
/// folder (<c>appsettings.json</c>, <c>bots.json</c>, <c>schedules.json</c>, <c>case-management.json</c>, <c>retention.json</c>, <c>updates.json</c>), then
/// <c>appsettings.{Environment}.json</c>, then <c>FLEET_</c> environment variables, then the command line.
/// The config folder is <c>--config DIR</c>, else <c>FLEET_CONFIG_DIR</c>, else <c>./config</c>,
/// else the <c>config</c> folder shipped beside the executable.
/// </summary>
public static class FleetConfiguration
{
    public static readonly string[] Files = ["appsettings.json", "bots.json", "schedules.json", "case-management.json", "retention.json", "updates.json"];

    public static string ResolveConfigDirectory(IConfiguration commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var explicitDir = commandLine["config"] ?? Environment.GetEnvironmentVariable("FLEET_CONFIG_DIR");
        if (!string.IsNullOrWhiteSpace(explicitDir))
        {
            return Path.GetFullPath(explicitDir);
        }

        var local = Path.GetFullPath("config");
        return Directory.Exists(local) ? local : Path.Combine(AppContext.BaseDirectory, "config");
    }

    public static void AddFleetSources(this IConfigurationBuilder builder, string configDirectory, string environmentName, string[] args)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Sources.Clear();
        foreach (var file in Files)
        {
            builder.AddJsonFile(Path.Combine(configDirectory, file), optional: true, reloadOnChange: false);
        }

        builder.AddJsonFile(Path.Combine(configDirectory, $"appsettings.{environmentName}.json"), optional: true, reloadOnChange: false);
        builder.AddEnvironmentVariables("FLEET_");
        builder.AddCommandLine(args);
    }
}
